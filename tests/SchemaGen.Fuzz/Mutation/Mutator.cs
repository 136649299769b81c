using System.Buffers.Binary;

namespace SchemaGen.Fuzz.Mutation;

/// <summary>
/// Mutates inputs as an attacker or a damaged disk would: bit flips, interesting bytes, inserted, deleted and
/// duplicated runs, splices with another seed, and extreme varints and little-endian lengths. Each operation is
/// chosen by a number, so CsCheck can generate (and shrink) a list of them and a plain loop can draw them.
/// </summary>
public static class Mutator
{
    /// <summary>How many kinds of operation there are.</summary>
    public const int Kinds = 9;

    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0A, 0x12, 0x1A, 0x08, 0x0D, 0x0B, 0x0C];

    private static readonly ulong[] InterestingLengths =
    [
        0, 1, 0x7F, 0x80, 0x3FFF, 0x4000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, long.MaxValue, ulong.MaxValue,
    ];

    /// <summary>One operation: its kind, a position and a value (both reduced to fit), and bytes for insertions.</summary>
    public readonly record struct Operation(int Kind, int Position, int Value, byte[] Bytes);

    public static byte[] Apply(byte[] input, IReadOnlyList<Operation> operations, IReadOnlyList<byte[]> seeds)
    {
        var bytes = new List<byte>(input);
        foreach (var operation in operations)
        {
            Apply(bytes, operation, seeds);
        }

        return [.. bytes];
    }

    /// <summary>Draws <paramref name="count"/> operations.</summary>
    public static Operation[] Draw(Random random, int count)
    {
        var operations = new Operation[count];
        for (int i = 0; i < count; i++)
        {
            var bytes = new byte[random.Next(1, 17)];
            random.NextBytes(bytes);
            operations[i] = new Operation(random.Next(Kinds), random.Next(), random.Next(), bytes);
        }

        return operations;
    }

    private static void Apply(List<byte> bytes, Operation operation, IReadOnlyList<byte[]> seeds)
    {
        int at = bytes.Count == 0 ? 0 : (int)((uint)operation.Position % (uint)bytes.Count);
        uint value = (uint)operation.Value;
        switch (operation.Kind)
        {
            case 0 when bytes.Count > 0:
                bytes[at] ^= (byte)(1 << (int)(value % 8));
                break;
            case 1 when bytes.Count > 0:
                bytes[at] = InterestingBytes[value % InterestingBytes.Length];
                break;
            case 2:
                bytes.InsertRange(Math.Min(at, bytes.Count), operation.Bytes);
                break;
            case 3 when bytes.Count > 0:
                bytes.RemoveRange(at, (int)Math.Min(1 + (value % 64), (uint)(bytes.Count - at)));
                break;
            case 4 when bytes.Count > 0:
                // Duplicate a run: repeated fields, repeated keys, repeated records.
                int length = (int)Math.Min(1 + (value % 256), (uint)(bytes.Count - at));
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            case 5 when seeds.Count > 0:
                // Splice: the rest of this input replaced by the tail of another seed.
                byte[] other = seeds[(int)(value % (uint)seeds.Count)];
                int from = other.Length == 0 ? 0 : (int)((uint)operation.Bytes[0] * 257u % (uint)other.Length);
                bytes.RemoveRange(at, bytes.Count - at);
                bytes.AddRange(other.AsSpan(from).ToArray());
                break;
            case 6:
                bytes.InsertRange(Math.Min(at, bytes.Count), Varint(InterestingLengths[value % InterestingLengths.Length], overlong: (value & 0x100) != 0));
                break;
            case 7 when bytes.Count >= 8:
                // An extreme little-endian length over 8 bytes (a TFRecord header's length field).
                int start = Math.Min(at, bytes.Count - 8);
                var field = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(field, InterestingLengths[value % InterestingLengths.Length]);
                for (int i = 0; i < 8; i++)
                {
                    bytes[start + i] = field[i];
                }

                break;
            case 8 when bytes.Count > 0:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            default:
                bytes.Insert(Math.Min(at, bytes.Count), (byte)value);
                break;
        }
    }

    // A base-128 varint, optionally padded to 10 bytes with continuation bits (a non-minimal encoding).
    private static byte[] Varint(ulong value, bool overlong)
    {
        var bytes = new List<byte>();
        do
        {
            bytes.Add((byte)(value & 0x7F | 0x80));
            value >>= 7;
        }
        while (value != 0);

        while (overlong && bytes.Count < 10)
        {
            bytes.Add(0x80);
        }

        bytes[^1] &= 0x7F;
        return [.. bytes];
    }
}
