using System.Runtime.InteropServices;
using SchemaGen.Augmentation;

namespace SchemaGen.Gpu;

/// <summary>One decoded image of a batch on the device: where its pixels start, its row length, and its axes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DecodedEntry
{
    /// <summary>The index of its first value in the batch's source bytes.</summary>
    public long Offset;

    /// <summary>Its pixels per row.</summary>
    public int Width;

    /// <summary>Keeps the axes 8-byte aligned.</summary>
    public int Reserved;

    /// <summary>The horizontal resampling of its region.</summary>
    public ResizeAxis Columns;

    /// <summary>The vertical resampling of its region.</summary>
    public ResizeAxis Rows;
}
