using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace SchemaGen.Cli.Commands;

/// <summary>A 5x7 bitmap font of the digits 0-9 (and '-'), so labels can be drawn without any system font.</summary>
internal static class DigitFont
{
    public const int Width = 5;
    public const int Height = 7;

    // One string per glyph: 7 rows of 5 pixels, '#' set.
    private static readonly string[] Glyphs =
    [
        ".###.#...##..###.#.###..##...#.###.", // 0
        "..#...##....#....#....#....#...###.", // 1
        ".###.#...#....#...#...#...#...#####", // 2
        "#####...#...#.....#.....##...#.###.", // 3
        "...#...##..#.#.#..#.#####...#....#.", // 4
        "######....####.....#....##...#.###.", // 5
        "..##..#...#....####.#...##...#.###.", // 6
        "#####....#...#...#...#....#....#...", // 7
        ".###.#...##...#.###.#...##...#.###.", // 8
        ".###.#...##...#.####....#...#..##..", // 9
        "...............#####...............", // -
    ];

    /// <summary>Draws <paramref name="text"/> (digits and '-') with its top-left at (x, y), scaled by <paramref name="scale"/>.</summary>
    public static void Draw(Image<Rgb24> image, string text, int x, int y, int scale, Rgb24 color)
    {
        foreach (char c in text)
        {
            int glyph = c == '-' ? 10 : c - '0';
            if (glyph is < 0 or > 10)
            {
                continue;
            }

            string bits = Glyphs[glyph];
            for (int row = 0; row < Height; row++)
            {
                for (int column = 0; column < Width; column++)
                {
                    if (bits[row * Width + column] != '#')
                    {
                        continue;
                    }

                    for (int dy = 0; dy < scale; dy++)
                    {
                        for (int dx = 0; dx < scale; dx++)
                        {
                            int px = x + column * scale + dx, py = y + row * scale + dy;
                            if (px >= 0 && py >= 0 && px < image.Width && py < image.Height)
                            {
                                image[px, py] = color;
                            }
                        }
                    }
                }
            }

            x += (Width + 1) * scale;
        }
    }
}
