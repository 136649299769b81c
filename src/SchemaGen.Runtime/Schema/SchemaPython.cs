using System.Globalization;
using System.Text;

namespace SchemaGen.Schema;

/// <summary>Writes an <see cref="ExampleSchema"/> as the Python <c>tf.io</c> feature spec that parses the same records.</summary>
internal static class SchemaPython
{
    public static string Write(ExampleSchema schema)
    {
        var python = new StringBuilder();
        python.Append("import tensorflow as tf\n\n");
        if (schema.Kind == ExampleSchemaKind.Example)
        {
            WriteDict(python, "features", schema, sequence: false);
            python.Append("\n\ndef parse(serialized):\n");
            python.Append("    example = tf.io.parse_single_example(serialized, features)\n");
            WriteDecodeRaw(python, schema, "example");
            python.Append("    return example\n");
        }
        else
        {
            WriteDict(python, "context_features", schema, sequence: false);
            python.Append('\n');
            WriteDict(python, "sequence_features", schema, sequence: true);
            python.Append("\n\ndef parse(serialized):\n");
            python.Append("    context, sequence = tf.io.parse_single_sequence_example(serialized, context_features, sequence_features)\n");
            WriteDecodeRaw(python, schema, "context");
            python.Append("    return context, sequence\n");
        }

        return python.ToString();
    }

    private static void WriteDict(StringBuilder python, string name, ExampleSchema schema, bool sequence)
    {
        python.Append(name).Append(" = {\n");
        foreach (FeatureSpec feature in schema.Features)
        {
            if ((feature.Kind == FeatureSpecKind.FixedLenSequence) != sequence)
            {
                continue;
            }

            python.Append("    ");
            AppendString(python, feature.Key);
            python.Append(": ");
            string dtype = feature.DType switch
            {
                FeatureDType.Int64 => "tf.int64",
                FeatureDType.Float32 => "tf.float32",
                _ => "tf.string",
            };
            if (feature.Kind == FeatureSpecKind.VarLen || feature.IsOptional && feature.Kind == FeatureSpecKind.FixedLen)
            {
                python.Append("tf.io.VarLenFeature(").Append(dtype).Append("),");
                if (feature.IsOptional && feature.Kind == FeatureSpecKind.FixedLen)
                {
                    python.Append("  # optional; when present: shape ");
                    AppendShape(python, feature.Shape);
                    if (feature.IsDecodedRaw)
                    {
                        python.Append(", raw uint8 ");
                        AppendShape(python, feature.DecodeRawShape);
                    }
                }
            }
            else
            {
                python.Append(feature.Kind == FeatureSpecKind.FixedLen ? "tf.io.FixedLenFeature(" : "tf.io.FixedLenSequenceFeature(");
                AppendShape(python, feature.Shape);
                python.Append(", ").Append(dtype);
                if (feature.HasDefault)
                {
                    python.Append(", default_value=");
                    AppendDefault(python, feature);
                }

                if (feature.Kind == FeatureSpecKind.FixedLenSequence)
                {
                    python.Append(", allow_missing=True");
                }

                python.Append("),");
            }

            python.Append('\n');
        }

        python.Append("}\n");
    }

    private static void WriteDecodeRaw(StringBuilder python, ExampleSchema schema, string dict)
    {
        foreach (FeatureSpec feature in schema.Features)
        {
            if (!feature.IsDecodedRaw || feature.IsOptional)
            {
                continue;
            }

            python.Append("    ").Append(dict).Append('[');
            AppendString(python, feature.Key);
            python.Append("] = tf.reshape(tf.io.decode_raw(").Append(dict).Append('[');
            AppendString(python, feature.Key);
            python.Append("], tf.uint8), ");
            AppendShape(python, feature.DecodeRawShape);
            python.Append(")\n");
        }
    }

    private static void AppendShape(StringBuilder python, IEnumerable<int> shape) =>
        python.Append('[').AppendJoin(", ", shape).Append(']');

    private static void AppendDefault(StringBuilder python, FeatureSpec feature)
    {
        bool scalar = feature.Shape.IsEmpty;
        if (!scalar)
        {
            python.Append('[');
        }

        int count = feature.ElementCount;
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                python.Append(", ");
            }

            switch (feature.DType)
            {
                case FeatureDType.Int64:
                    python.Append(feature.Int64Default[i].ToString(CultureInfo.InvariantCulture));
                    break;
                case FeatureDType.Float32:
                    AppendFloat(python, feature.FloatDefault[i]);
                    break;
                default:
                    AppendString(python, feature.StringDefault[i]);
                    break;
            }
        }

        if (!scalar)
        {
            python.Append(']');
        }
    }

    private static void AppendFloat(StringBuilder python, float value)
    {
        if (float.IsNaN(value))
        {
            python.Append("float(\"nan\")");
        }
        else if (float.IsInfinity(value))
        {
            python.Append(value > 0 ? "float(\"inf\")" : "float(\"-inf\")");
        }
        else
        {
            // The shortest text that round-trips the float32; TensorFlow rounds the Python float back to it.
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            python.Append(text);
            if (text.AsSpan().IndexOfAny('.', 'E') < 0)
            {
                python.Append(".0"); // "1" would be a Python int and "-0" would lose its sign
            }
        }
    }

    /// <summary>A double-quoted Python str literal; non-ASCII letters stay as they are (Python 3 source is UTF-8).</summary>
    private static void AppendString(StringBuilder python, string value)
    {
        python.Append('"');
        foreach (Rune rune in value.EnumerateRunes()) // an unpaired surrogate comes out as U+FFFD, as UTF-8 encodes it
        {
            switch (rune.Value)
            {
                case '\\':
                    python.Append("\\\\");
                    break;
                case '"':
                    python.Append("\\\"");
                    break;
                case '\n':
                    python.Append("\\n");
                    break;
                case '\r':
                    python.Append("\\r");
                    break;
                case '\t':
                    python.Append("\\t");
                    break;
                case < 0x20 or 0x7F:
                    python.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
                    break;
                default:
                    python.Append(rune.ToString());
                    break;
            }
        }

        python.Append('"');
    }
}
