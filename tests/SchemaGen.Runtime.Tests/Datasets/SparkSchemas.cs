namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>
/// The rows of tests/data/spark/people as spark-tfrecord wrote them (id IntegerType, name StringType, age LongType
/// nullable, score DoubleType, tags ArrayType(StringType)), with the partition columns year and lang.
/// </summary>
[TfExample]
public partial record SparkPerson(long Id, string Name, long? Age, float Score, string[] Tags, long? Year, string? Lang);

/// <summary>tests/data/spark/typed: an id, and partition columns typed int64, float and text.</summary>
[TfExample]
public partial record SparkTyped(long Id, long? N, float? X, string? S);

/// <summary>tests/data/spark/events: SequenceExamples (clicks is an array of arrays: a feature list), partition day.</summary>
[TfSequenceExample]
public partial record SparkEvent(long Id, string User, [property: TfFeatureList, TfFeature(Shape = new[] { 2 })] long[][] Clicks, string? Day);
