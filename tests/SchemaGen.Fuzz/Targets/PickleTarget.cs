using SchemaGen.Conversion;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Pickle;
using SchemaGen.Conversion.Sources;

namespace SchemaGen.Fuzz.Targets;

/// <summary>The restricted unpickler and the CIFAR batch reader: a batch, a meta dict, or a <see cref="DatasetFormatException"/>.</summary>
public sealed class PickleTarget : IFuzzTarget
{
    public string Name => "pickle";

    public IReadOnlyList<byte[]> Seeds() =>
    [
        .. Targets.Seeds.Files(Targets.Seeds.CifarPickles),
        .. Directory.EnumerateFiles(Repository.Path("tests/SchemaGen.Conversion.Tests/Fixtures/pickles")).Order(StringComparer.Ordinal).Select(File.ReadAllBytes),
    ];

    public void Run(byte[] input)
    {
        try
        {
            var batch = CifarReader.ReadPythonBatch(input, "fuzz", cifar100: false);
            var hwc = new byte[ImageRows.RowSize];
            for (int row = 0; row < batch.Images.Count; row++)
            {
                batch.Images.CopyHwc(row, hwc, PixelOrder.Rgb);
            }
        }
        catch (DatasetFormatException)
        {
        }

        try
        {
            var meta = new PickleDict(RestrictedUnpickler.Load(input, "fuzz"), "fuzz");
            meta.GetStrings("label_names");
        }
        catch (DatasetFormatException)
        {
        }
    }
}
