namespace SchemaGen.Cli.Images;

/// <summary>An RGB picture in memory, HWC bytes: what <c>preview</c> and <c>export-images</c> draw and write.</summary>
internal sealed class Picture
{
    public Picture(int width, int height, byte[] rgb)
    {
        if (rgb.Length != checked(width * height * 3))
        {
            throw new ArgumentException($"{width}x{height} RGB pixels are {width * height * 3} bytes, not {rgb.Length}.", nameof(rgb));
        }

        (Width, Height, Rgb) = (width, height, rgb);
    }

    /// <summary>A picture of one colour.</summary>
    public Picture(int width, int height, Rgb colour)
        : this(width, height, new byte[checked(width * height * 3)]) => Fill(0, 0, width, height, colour);

    public int Width { get; }

    public int Height { get; }

    /// <summary>The pixels, row after row, R, G and B.</summary>
    public byte[] Rgb { get; }

    public Rgb this[int x, int y]
    {
        get
        {
            int i = Index(x, y);
            return new Rgb(Rgb[i], Rgb[i + 1], Rgb[i + 2]);
        }

        set
        {
            int i = Index(x, y);
            (Rgb[i], Rgb[i + 1], Rgb[i + 2]) = (value.R, value.G, value.B);
        }
    }

    /// <summary>Sets a pixel if it lies inside the picture.</summary>
    public void SetClipped(int x, int y, Rgb colour)
    {
        if ((uint)x < (uint)Width && (uint)y < (uint)Height)
        {
            this[x, y] = colour;
        }
    }

    /// <summary>Fills a rectangle (clipped to the picture).</summary>
    public void Fill(int x, int y, int width, int height, Rgb colour)
    {
        for (int row = Math.Max(0, y); row < Math.Min(Height, y + height); row++)
        {
            for (int column = Math.Max(0, x); column < Math.Min(Width, x + width); column++)
            {
                this[column, row] = colour;
            }
        }
    }

    /// <summary>Draws this picture into <paramref name="target"/> at (x, y), each pixel as a <paramref name="scale"/>² block (nearest neighbour).</summary>
    public void DrawInto(Picture target, int x, int y, int scale)
    {
        for (int row = 0; row < Height * scale; row++)
        {
            for (int column = 0; column < Width * scale; column++)
            {
                target.SetClipped(x + column, y + row, this[column / scale, row / scale]);
            }
        }
    }

    private int Index(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)x, (uint)Width, nameof(x));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)y, (uint)Height, nameof(y));
        return ((y * Width) + x) * 3;
    }
}
