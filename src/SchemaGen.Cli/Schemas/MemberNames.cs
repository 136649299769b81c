using System.Text;

namespace SchemaGen.Cli.Schemas;

/// <summary>C# names for feature keys: PascalCase members, and the key the SchemaGen generator derives back from one.</summary>
internal static class MemberNames
{
    /// <summary>
    /// Members the generated code declares in the type and in its <c>Batch</c> (whose columns take the members' names),
    /// and those records synthesize: a feature member must not take these names.
    /// </summary>
    private static readonly string[] Generated =
    [
        "Schema", "Batch", "Parse", "TryParse", "ParseInto", "WriteTo", "ToByteArray", "GetSerializedSize", "TfSchema",
        "TryRead", "WriteFeatures", "GetFeaturesLength", "GetContextLength", "GetFeatureListsLength",
        "Count", "Capacity", "Create", "Clear", "Get", "TryParseInto", "TryParseRow",
        "EqualityContract", "ToString", "Equals", "GetHashCode", "Deconstruct", "PrintMembers", "GetType", "MemberwiseClone", "Finalize",
    ];

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>True for a C# identifier that is not a keyword: a letter or underscore, then letters, digits or underscores.</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_') && !Keywords.Contains(name);

    /// <summary>Gives each key a distinct member name, in order, avoiding the type's name and the generated members.</summary>
    public static string[] Assign(IReadOnlyList<string> keys, string typeName)
    {
        var taken = new HashSet<string>(Generated, StringComparer.Ordinal) { typeName };
        var names = new string[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            string name = ToPascalCase(keys[i]);
            string unique = name;
            for (int n = 2; !taken.Add(unique); n++)
            {
                unique = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            names[i] = unique;
        }

        return names;
    }

    /// <summary>
    /// The key's words, each capitalized, joined: <c>image/class/label</c> is <c>ImageClassLabel</c>, <c>x_float</c> is
    /// <c>XFloat</c>. Anything but a letter or digit separates words; a name that would not start with a letter gets
    /// <c>Feature</c> in front.
    /// </summary>
    public static string ToPascalCase(string key)
    {
        var name = new StringBuilder(key.Length);
        bool wordStart = true;
        foreach (char c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                name.Append(wordStart ? char.ToUpperInvariant(c) : c);
                wordStart = false;
            }
            else
            {
                wordStart = true;
            }
        }

        return name.Length > 0 && char.IsLetter(name[0]) ? name.ToString() : "Feature" + name;
    }

    /// <summary>
    /// The key the SchemaGen generator gives a member without <c>[TfFeature("key")]</c>: its name in snake case
    /// (<c>ImageData</c> is <c>image_data</c>, <c>HTTPCode</c> is <c>http_code</c>). Mirrors the generator's parser.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var key = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((afterLowerOrDigit || endsAcronym) && key.Length > 0 && key[^1] != '_')
                {
                    key.Append('_');
                }

                key.Append(char.ToLowerInvariant(c));
            }
            else
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }
}
