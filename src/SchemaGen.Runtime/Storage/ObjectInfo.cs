namespace SchemaGen.Storage;

/// <summary>An object as the store described it when listed or looked up.</summary>
/// <param name="Uri">The object's address.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Version">
/// What identifies this content of the object (S3's and Azure's ETag, GCS's generation). Reads are made conditional
/// on it, so an object replaced while being read is an <see cref="ObjectChangedException"/>, never mixed data.
/// </param>
public sealed record ObjectInfo(ObjectUri Uri, long Length, string Version);
