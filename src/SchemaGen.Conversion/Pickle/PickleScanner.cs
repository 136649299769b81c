using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace SchemaGen.Conversion.Pickle;

/// <summary>
/// Walks a pickle's opcodes before anything is unpickled and refuses it unless every global it names is on the
/// whitelist. Razorvine.Pickle resolves an unknown global to a generic class-dict constructor and calls
/// <c>__setstate__</c> by reflection, so this scan is what keeps unpickling from building anything but plain data
/// and the numpy reconstructors.
/// </summary>
/// <remarks>
/// <c>STACK_GLOBAL</c> takes its names from the stack; the scan accepts it only when the two strings are pushed (or
/// fetched from the memo) right before it, as every pickler writes them. Anything it cannot resolve is refused.
/// Opcodes that call arbitrary callables by other routes (<c>INST</c>, <c>OBJ</c>, persistent ids, extension codes,
/// out-of-band buffers) are refused outright. The scan also notes where the long byte strings (pixel data) and the
/// FRAME hints lie, so <see cref="RestrictedUnpickler"/> can hand the strings over as views instead of copies.
/// </remarks>
internal static class PickleScanner
{
    private const int MaxProtocol = 5;
    private const int MaxNameLength = 256;

    /// <summary>
    /// Checks the pickle; throws <see cref="DatasetFormatException"/> naming <paramref name="source"/> if it is refused.
    /// Adds to <paramref name="cuts"/>, in order, every byte string longer than a name and every FRAME opcode.
    /// </summary>
    // One long loop per file, run a few times per conversion: compiled optimized once, rather than through every tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Check(ReadOnlySpan<byte> pickle, string source, IReadOnlySet<string> allowedGlobals, List<PickleCut> cuts)
    {
        var memo = new Dictionary<int, string?>();
        // The strings pushed since the last opcode that did anything else; null marks a push of unknown value.
        var pending = new List<string?>(2);
        int position = 0;
        while (true)
        {
            if (position >= pickle.Length)
            {
                throw Truncated(source, position, "the pickle ends before its STOP opcode (truncated file?)");
            }

            int opcodeOffset = position;
            byte opcode = pickle[position++];
            // One case per opcode, as pickletools lists them: the cases share a shape because the opcodes do.
            switch (opcode)
            {
                case (byte)'.': // STOP
                    return;

                // Strings: remembered for a following STACK_GLOBAL.
                case (byte)'X': // BINUNICODE
                    pending.Add(Name(Take(pickle, ref position, ReadLength32(pickle, ref position, source), source), source, opcodeOffset));
                    continue;
                case 0x8c: // SHORT_BINUNICODE
                    pending.Add(Name(Take(pickle, ref position, Take(pickle, ref position, 1, source)[0], source), source, opcodeOffset));
                    continue;
                case 0x8d: // BINUNICODE8
                    pending.Add(Name(Take(pickle, ref position, ReadLength64(pickle, ref position, source), source), source, opcodeOffset));
                    continue;
                case (byte)'T': // BINSTRING
                    pending.Add(Latin1(TakeData(pickle, ref position, ReadLength32(pickle, ref position, source), source, opcodeOffset, PickleCutKind.Python2String, cuts)));
                    continue;
                case (byte)'U': // SHORT_BINSTRING
                    pending.Add(Latin1(Take(pickle, ref position, Take(pickle, ref position, 1, source)[0], source)));
                    continue;

                // Memo: strings stored and fetched keep their value.
                case 0x94: // MEMOIZE
                    memo[memo.Count] = pending.Count > 0 ? pending[^1] : null;
                    continue;
                case (byte)'q': // BINPUT
                    memo[Take(pickle, ref position, 1, source)[0]] = pending.Count > 0 ? pending[^1] : null;
                    continue;
                case (byte)'r': // LONG_BINPUT
                    memo[BinaryPrimitives.ReadInt32LittleEndian(Take(pickle, ref position, 4, source))] = pending.Count > 0 ? pending[^1] : null;
                    continue;
                case (byte)'p': // PUT
                    memo[ParseMemoIndex(ReadLine(pickle, ref position, source), source, opcodeOffset)] = pending.Count > 0 ? pending[^1] : null;
                    continue;
                case (byte)'h': // BINGET
                    pending.Add(memo.GetValueOrDefault(Take(pickle, ref position, 1, source)[0]));
                    continue;
                case (byte)'j': // LONG_BINGET
                    pending.Add(memo.GetValueOrDefault(BinaryPrimitives.ReadInt32LittleEndian(Take(pickle, ref position, 4, source))));
                    continue;
                case (byte)'g': // GET
                    pending.Add(memo.GetValueOrDefault(ParseMemoIndex(ReadLine(pickle, ref position, source), source, opcodeOffset)));
                    continue;

                case 0x95: // FRAME: a hint for buffering, no stack effect.
                    Take(pickle, ref position, 8, source);
                    cuts.Add(new PickleCut(opcodeOffset, position, 0, PickleCutKind.Frame));
                    continue;
                case 0x80: // PROTO
                    int protocol = Take(pickle, ref position, 1, source)[0];
                    if (protocol > MaxProtocol)
                    {
                        throw Refused(source, opcodeOffset, $"pickle protocol {protocol} is not supported (at most {MaxProtocol})");
                    }

                    continue;

                // Globals: the whole point of the scan.
                case (byte)'c': // GLOBAL
                    string module = Utf8(ReadLine(pickle, ref position, source), source, opcodeOffset);
                    string name = Utf8(ReadLine(pickle, ref position, source), source, opcodeOffset);
                    Allow(module + "." + name, allowedGlobals, source, opcodeOffset);
                    break;
                case 0x93: // STACK_GLOBAL
                    if (pending.Count < 2 || pending[^2] is null || pending[^1] is null)
                    {
                        throw Refused(source, opcodeOffset, "STACK_GLOBAL takes names that cannot be checked before unpickling; refused");
                    }

                    Allow(pending[^2] + "." + pending[^1], allowedGlobals, source, opcodeOffset);
                    break;
                case (byte)'i': // INST
                    string instModule = Utf8(ReadLine(pickle, ref position, source), source, opcodeOffset);
                    string instName = Utf8(ReadLine(pickle, ref position, source), source, opcodeOffset);
                    throw Refused(source, opcodeOffset, $"the pickle names the global '{instModule}.{instName}' (INST), which is not allowed");
                case (byte)'o': // OBJ
                case (byte)'P': // PERSID
                case (byte)'Q': // BINPERSID
                case 0x82: // EXT1
                case 0x83: // EXT2
                case 0x84: // EXT4
                case 0x97: // NEXT_BUFFER
                    throw Refused(source, opcodeOffset, $"opcode 0x{opcode:x2} is not allowed in a dataset pickle");

                // Everything else: skip its argument; it is not a string push.
                case (byte)'(' or (byte)'0' or (byte)'1' or (byte)'2' or (byte)'N' or (byte)'R' or (byte)'a' or (byte)'b'
                    or (byte)'d' or (byte)'}' or (byte)'e' or (byte)'l' or (byte)']' or (byte)'s' or (byte)'t' or (byte)')'
                    or (byte)'u' or 0x81 or 0x85 or 0x86 or 0x87 or 0x88 or 0x89 or 0x8f or 0x90 or 0x91 or 0x92 or 0x98:
                    break;
                case (byte)'F' or (byte)'I' or (byte)'L' or (byte)'S' or (byte)'V':
                    ReadLine(pickle, ref position, source);
                    break;
                case (byte)'J':
                    Take(pickle, ref position, 4, source);
                    break;
                case (byte)'K':
                    Take(pickle, ref position, 1, source);
                    break;
                case (byte)'M':
                    Take(pickle, ref position, 2, source);
                    break;
                case (byte)'G':
                    Take(pickle, ref position, 8, source);
                    break;
                case 0x8a: // LONG1
                    Take(pickle, ref position, Take(pickle, ref position, 1, source)[0], source);
                    break;
                case 0x8b: // LONG4
                    Take(pickle, ref position, ReadLength32(pickle, ref position, source), source);
                    break;
                case (byte)'B': // BINBYTES
                    TakeData(pickle, ref position, ReadLength32(pickle, ref position, source), source, opcodeOffset, PickleCutKind.Bytes, cuts);
                    break;
                case (byte)'C': // SHORT_BINBYTES
                    Take(pickle, ref position, Take(pickle, ref position, 1, source)[0], source);
                    break;
                case 0x8e or 0x96: // BINBYTES8, BYTEARRAY8
                    TakeData(pickle, ref position, ReadLength64(pickle, ref position, source), source, opcodeOffset, PickleCutKind.Bytes, cuts);
                    break;
                default:
                    throw Refused(source, opcodeOffset, $"0x{opcode:x2} is not a pickle opcode (not a pickle, or a damaged one)");
            }

            pending.Clear();
        }
    }

    private static void Allow(string global, IReadOnlySet<string> allowedGlobals, string source, int offset)
    {
        if (!allowedGlobals.Contains(global))
        {
            throw Refused(source, offset, $"the pickle names the global '{global}', which is not allowed (only numpy array reconstructors are unpickled)");
        }
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> pickle, ref int position, int count, string source)
    {
        if (count < 0 || count > pickle.Length - position)
        {
            throw Truncated(source, position, $"the pickle is truncated: {count} bytes expected, {pickle.Length - position} left");
        }

        var taken = pickle.Slice(position, count);
        position += count;
        return taken;
    }

    // A byte string longer than any name is data: noted so it can be handed over out of band.
    private static ReadOnlySpan<byte> TakeData(ReadOnlySpan<byte> pickle, ref int position, int count, string source, int opcodeOffset,
        PickleCutKind kind, List<PickleCut> cuts)
    {
        var data = Take(pickle, ref position, count, source);
        if (data.Length > MaxNameLength)
        {
            cuts.Add(new PickleCut(opcodeOffset, position - data.Length, data.Length, kind));
        }

        return data;
    }

    private static int ReadLength32(ReadOnlySpan<byte> pickle, ref int position, string source) =>
        BinaryPrimitives.ReadInt32LittleEndian(Take(pickle, ref position, 4, source));

    private static int ReadLength64(ReadOnlySpan<byte> pickle, ref int position, string source)
    {
        long length = BinaryPrimitives.ReadInt64LittleEndian(Take(pickle, ref position, 8, source));
        return length is < 0 or > int.MaxValue ? -1 : (int)length;
    }

    private static ReadOnlySpan<byte> ReadLine(ReadOnlySpan<byte> pickle, ref int position, string source)
    {
        int end = pickle[position..].IndexOf((byte)'\n');
        if (end < 0)
        {
            throw Truncated(source, position, "the pickle is truncated inside a text argument");
        }

        var line = pickle.Slice(position, end);
        position += end + 1;
        return line;
    }

    private static int ParseMemoIndex(ReadOnlySpan<byte> line, string source, int offset) =>
        System.Buffers.Text.Utf8Parser.TryParse(line, out int index, out int consumed) && consumed == line.Length
            ? index
            : throw Refused(source, offset, "a memo index is not a number");

    private static string Utf8(ReadOnlySpan<byte> bytes, string source, int offset)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Refused(source, offset, "a string is not valid UTF-8");
        }
    }

    // Only short strings can name a global; longer ones (pixel data) are not decoded and count as unknown.
    private static string? Name(ReadOnlySpan<byte> utf8, string source, int offset) =>
        utf8.Length <= MaxNameLength ? Utf8(utf8, source, offset) : null;

    private static string? Latin1(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= MaxNameLength ? Encoding.Latin1.GetString(bytes) : null;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static DatasetFormatException Refused(string source, int offset, string message) =>
        new(source, DatasetProblem.RefusedPickle, $"{message} (pickle offset {offset})");

    private static DatasetFormatException Truncated(string source, int offset, string message) =>
        new(source, DatasetProblem.TruncatedBatch, $"{message} (pickle offset {offset})");
}
