using SchemaGen;

namespace ImageNetStyle;

/// <summary>
/// One record of the converted image folder: the JPEG file as it was encoded and its class's index (the subfolder's
/// position in sorted order; the names are in dataset_info.json). The generator writes <c>Photo.Batch</c>, whose
/// <c>Image</c> column holds each row's JPEG bytes.
/// </summary>
[TfExample]
public partial record Photo(byte[] Image, long Label);
