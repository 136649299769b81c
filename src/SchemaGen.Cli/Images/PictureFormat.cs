namespace SchemaGen.Cli.Images;

/// <summary>The file formats the CLI writes pictures in.</summary>
internal enum PictureFormat
{
    Png,
    Jpeg,
}
