using SchemaGen.Datasets;

namespace SchemaGen.Augmentation;

/// <summary>
/// <c>tf.image.sample_distorted_bounding_box</c> (sample_distorted_bounding_box_op.cc) with SchemaGen's generator in
/// place of Philox: the same attempts loop, roundings (<c>lrintf</c>, round half to even), one-row fix-ups, overlap
/// test in whole pixels and whole-image fallback, so windows have TensorFlow's distribution.
/// </summary>
internal static class DistortedBoundingBox
{
    public static CropWindow Sample(
        int width, int height, ReadOnlySpan<BoundingBox> boxes, float minArea, float maxArea, float minAspect, float maxAspect,
        int maxAttempts, float minObjectCovered, ref SplitMix64 random)
    {
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            float aspect = (random.NextSingle() * (maxAspect - minAspect)) + minAspect;
            if (TryCrop(width, height, minArea, maxArea, aspect, ref random, out var crop) && Covers(crop, minObjectCovered, boxes, width, height))
            {
                return crop;
            }
        }

        return CropWindow.Whole(width, height);
    }

    // GenerateRandomCrop: a height between the area range's (rounded) bounds, width = round(height * aspect), then a
    // position uniform in [0, size - crop) as TensorFlow draws it (the last position is never drawn).
    private static bool TryCrop(int originalWidth, int originalHeight, float minRelativeArea, float maxRelativeArea, float aspect, ref SplitMix64 random, out CropWindow crop)
    {
        crop = default;
        if (maxRelativeArea <= 0 || aspect <= 0 || minRelativeArea > maxRelativeArea)
        {
            return false;
        }

        float minArea = minRelativeArea * originalWidth * originalHeight;
        float maxArea = maxRelativeArea * originalWidth * originalHeight;
        int height = Lrint(MathF.Sqrt(minArea / aspect));
        int maxHeight = Lrint(MathF.Sqrt(maxArea / aspect));
        if (Lrint(maxHeight * aspect) > originalWidth)
        {
            // The largest height with round(height * aspect) <= width, computed in double as TensorFlow does.
            const float Epsilon = 0.0000001f;
            maxHeight = (int)((originalWidth + 0.5 - Epsilon) / aspect);
            if (Lrint(maxHeight * aspect) > originalWidth)
            {
                maxHeight -= 1;
            }
        }

        maxHeight = Math.Min(maxHeight, originalHeight);
        height = Math.Min(height, maxHeight);
        if (height < maxHeight)
        {
            height += random.NextInt32(maxHeight - height + 1);
        }

        int width = Lrint(height * aspect);
        float area = width * height;
        if (area < minArea)
        {
            height += 1;
            width = Lrint(height * aspect);
            area = width * height;
        }

        if (area > maxArea)
        {
            height -= 1;
            width = Lrint(height * aspect);
            area = width * height;
        }

        if (area < minArea || area > maxArea || width > originalWidth || height > originalHeight || width <= 0 || height <= 0)
        {
            return false;
        }

        int y = height < originalHeight ? random.NextInt32(originalHeight - height) : 0;
        int x = width < originalWidth ? random.NextInt32(originalWidth - width) : 0;
        crop = new CropWindow(x, y, width, height);
        return true;
    }

    // SatisfiesOverlapConstraints: the crop holds at least minObjectCovered of one box with an area of a pixel or more;
    // without boxes the whole image is the box (use_image_if_no_bounding_boxes).
    private static bool Covers(CropWindow crop, float minObjectCovered, ReadOnlySpan<BoundingBox> boxes, int width, int height)
    {
        if ((float)(crop.Width * crop.Height) < 1)
        {
            return false;
        }

        if (boxes.IsEmpty)
        {
            return Covers(crop, minObjectCovered, 0, 0, width, height);
        }

        foreach (var box in boxes)
        {
            // Box corners to whole pixels by truncation, as TensorFlow does (coordinates clamped to [0, 1]).
            int xMin = (int)(Unit(box.XMin) * width), yMin = (int)(Unit(box.YMin) * height);
            int xMax = (int)(Unit(box.XMax) * width), yMax = (int)(Unit(box.YMax) * height);
            if (Covers(crop, minObjectCovered, xMin, yMin, xMax, yMax))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Covers(CropWindow crop, float minObjectCovered, int xMin, int yMin, int xMax, int yMax)
    {
        float objectArea = (xMax - xMin) * (yMax - yMin);
        if (objectArea < 1)
        {
            return false;
        }

        int left = Math.Max(crop.X, xMin), top = Math.Max(crop.Y, yMin);
        int right = Math.Min(crop.X + crop.Width, xMax), bottom = Math.Min(crop.Y + crop.Height, yMax);
        float covered = left > right || top > bottom ? 0 : (right - left) * (bottom - top);
        return covered / objectArea >= minObjectCovered;
    }

    private static float Unit(float value) => value >= 0 ? (value <= 1 ? value : 1) : 0;

    // lrintf in the default rounding mode: to nearest, ties to even.
    private static int Lrint(float value) => (int)MathF.Round(value, MidpointRounding.ToEven);
}
