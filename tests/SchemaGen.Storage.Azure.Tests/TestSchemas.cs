namespace SchemaGen.Storage.Azure.Tests;

/// <summary>A record that carries its own identity and some bulk, so a test sees which records came and in what order.</summary>
[TfExample]
public partial record Numbered(long Id, byte[] Payload);

/// <summary>The rows of tests/data/spark/people (see build/make-spark-fixtures.py), with the partition columns.</summary>
[TfExample]
public partial record SparkPerson(long Id, string Name, long? Age, float Score, string[] Tags, long? Year, string? Lang);
