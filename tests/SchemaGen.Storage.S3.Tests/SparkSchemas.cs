namespace SchemaGen.Storage.S3.Tests;

/// <summary>The rows of tests/data/spark/people (see build/make-spark-fixtures.py), with the partition columns.</summary>
[TfExample]
public partial record SparkPerson(long Id, string Name, long? Age, float Score, string[] Tags, long? Year, string? Lang);
