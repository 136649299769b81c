using System.CommandLine.Parsing;
using System.Globalization;

namespace SchemaGen.Cli.Commands;

/// <summary>Parsing shared by options that count records.</summary>
internal static class CountOptions
{
    /// <summary>A whole number, 0 or more; anything else is a usage error naming the option.</summary>
    public static long Parse(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        var name = (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
        result.AddError($"{name} takes a whole number, 0 or more, not '{token}'.");
        return 0;
    }
}
