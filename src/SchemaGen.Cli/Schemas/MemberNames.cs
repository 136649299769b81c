using SchemaGen.Generator.Naming;

namespace SchemaGen.Cli.Schemas;

/// <summary>
/// C# names for feature keys: distinct PascalCase members (<see cref="FeatureNaming.ToPascalCase"/>) that avoid the
/// names generated code takes (<see cref="FeatureNaming"/>, shared with the generator), and valid identifiers.
/// </summary>
internal static class MemberNames
{
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
        var taken = new HashSet<string>([.. FeatureNaming.TypeMembers, .. FeatureNaming.BatchMembers, .. FeatureNaming.RecordMembers], StringComparer.Ordinal) { typeName };
        var names = new string[keys.Count];
        for (int i = 0; i < keys.Count; i++)
        {
            string name = FeatureNaming.ToPascalCase(keys[i]);
            string unique = name;
            for (int n = 2; !taken.Add(unique); n++)
            {
                unique = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            names[i] = unique;
        }

        return names;
    }
}
