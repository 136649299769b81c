using System.Globalization;
using System.Text;
using SchemaGen.Generator.Naming;

namespace SchemaGen.Cli.Schemas;

/// <summary>Writes the C# declaration of an inferred schema: a <c>partial record</c> with a primary constructor.</summary>
internal static class DeclarationWriter
{
    public static string Write(string typeName, string? namespaceName, bool sequence, IReadOnlyList<InferredFeature> members, string origin, IReadOnlyList<string> notes)
    {
        var text = new StringBuilder();
        text.Append("// Inferred by `schemagen schema` from ").Append(origin).Append(".\n");
        foreach (string note in notes)
        {
            text.Append("// ").Append(note).Append('\n');
        }

        text.Append("using SchemaGen;\n\n");
        if (namespaceName is not null)
        {
            text.Append("namespace ").Append(namespaceName).Append(";\n\n");
        }

        text.Append(sequence ? "[TfSequenceExample]\n" : "[TfExample]\n");
        text.Append("public partial record ").Append(typeName).Append('(');
        for (int i = 0; i < members.Count; i++)
        {
            text.Append(i == 0 ? "\n    " : ",\n    ");
            AppendAttributes(text, members[i]);
            text.Append(members[i].CSharpType).Append(' ').Append(members[i].MemberName);
        }

        return text.Append(");\n").ToString();
    }

    private static void AppendAttributes(StringBuilder text, InferredFeature member)
    {
        var attributes = new List<string>();
        if (member.IsFeatureList)
        {
            attributes.Add("TfFeatureList");
        }

        var arguments = new List<string>();
        if (FeatureNaming.ToSnakeCase(member.MemberName) != member.Key)
        {
            arguments.Add(Literal(member.Key));
        }

        if (member.Shape.Length > 0)
        {
            arguments.Add($"Shape = new[] {{ {string.Join(", ", member.Shape)} }}");
        }

        if (arguments.Count > 0)
        {
            attributes.Add($"TfFeature({string.Join(", ", arguments)})");
        }

        if (attributes.Count > 0)
        {
            text.Append("[property: ").AppendJoin(", ", attributes).Append("] ");
        }
    }

    /// <summary>A C# string literal: quotes, backslashes and control characters escaped.</summary>
    public static string Literal(string value)
    {
        var literal = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    literal.Append("\\\"");
                    break;
                case '\\':
                    literal.Append(@"\\");
                    break;
                case < ' ' or '\u007F' or '\u0085' or '\u2028' or '\u2029':
                    literal.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    literal.Append(c);
                    break;
            }
        }

        return literal.Append('"').ToString();
    }
}
