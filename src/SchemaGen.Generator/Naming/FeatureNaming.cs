using System.Collections.Generic;
using System.Text;

namespace SchemaGen.Generator.Naming;

/// <summary>
/// How feature keys and C# member names map to each other, and the names generated code takes: the rules the
/// generator applies and <c>schemagen schema</c> writes declarations for. This file is compiled into both (the
/// generator runs inside the compiler and can reference neither), so a change to a rule changes both sides.
/// </summary>
internal static class FeatureNaming
{
    /// <summary>What the generated part of a schema type declares: no member of the type can take these names.</summary>
    public static readonly IReadOnlyList<string> TypeMembers =
    [
        "Schema", "Batch", "Parse", "TryParse", "ParseInto", "WriteTo", "ToByteArray", "GetSerializedSize", "TfSchema",
        "TryRead", "WriteFeatures", "GetFeaturesLength", "GetContextLength", "GetFeatureListsLength",
    ];

    /// <summary>What the generated <c>Batch</c> declares besides its columns, which take the members' names: no feature member can take these.</summary>
    public static readonly IReadOnlyList<string> BatchMembers =
    [
        "Count", "Capacity", "Create", "Clear", "Get", "TryParseInto", "TryParseRow",
    ];

    /// <summary>What a record synthesizes and what it inherits from object: a positional member cannot take these names.</summary>
    public static readonly IReadOnlyList<string> RecordMembers =
    [
        "EqualityContract", "ToString", "Equals", "GetHashCode", "Deconstruct", "PrintMembers", "GetType", "MemberwiseClone", "Finalize",
    ];

    /// <summary>The generated helper that measures a feature list: no member of the type can take its name either.</summary>
    public static string FeatureListLengthMember(string memberName) => "Get" + memberName + "ListLength";

    /// <summary>
    /// The key of a member without <c>[TfFeature("key")]</c>: its name in snake case (<c>ImageData</c> is
    /// <c>image_data</c>, <c>HTTPCode</c> is <c>http_code</c>, <c>Layer2Norm</c> is <c>layer2_norm</c>).
    /// </summary>
    public static string ToSnakeCase(string memberName)
    {
        var key = new StringBuilder(memberName.Length + 4);
        for (int i = 0; i < memberName.Length; i++)
        {
            char c = memberName[i];
            if (!char.IsUpper(c))
            {
                key.Append(c);
                continue;
            }

            bool afterLowerOrDigit = i > 0 && (char.IsLower(memberName[i - 1]) || char.IsDigit(memberName[i - 1]));
            bool endsAcronym = i > 0 && char.IsUpper(memberName[i - 1]) && i + 1 < memberName.Length && char.IsLower(memberName[i + 1]);
            if ((afterLowerOrDigit || endsAcronym) && key.Length > 0 && key[key.Length - 1] != '_')
            {
                key.Append('_');
            }

            key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString();
    }

    /// <summary>
    /// The member name <c>schemagen schema</c> gives a key: its words, each capitalized, joined
    /// (<c>image/class/label</c> is <c>ImageClassLabel</c>, <c>x_float</c> is <c>XFloat</c>). Anything but a letter or
    /// digit separates words; a name that would not start with a letter gets <c>Feature</c> in front.
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
}
