namespace SchemaGen.ML.Tests;

/// <summary>An enum member: stored as int64, a column of its underlying integer.</summary>
public enum Hue
{
    Red = 1,
    Green = 2,
    Blue = 7,
}
