namespace SchemaGen.TensorBoard.Internal;

/// <summary>
/// The hparams plugin's summaries, as tensorboard/plugins/hparams/summary_v2.py writes them: a value tagged
/// <c>_hparams_/experiment</c>, <c>_hparams_/session_start_info</c> or <c>_hparams_/session_end_info</c> whose
/// tensor is an empty float tensor and whose metadata's plugin content is an <c>HParamsPluginData</c> (version 0)
/// holding an <c>Experiment</c>, a <c>SessionStartInfo</c> or a <c>SessionEndInfo</c>.
/// </summary>
internal static class HparamsEvents
{
    public const string ExperimentTag = "_hparams_/experiment";
    public const string SessionStartTag = "_hparams_/session_start_info";
    public const string SessionEndTag = "_hparams_/session_end_info";

    private const int DataTypeString = 1;
    private const int DataTypeBool = 2;
    private const int DataTypeFloat64 = 3;
    private const int StatusSuccess = 1;

    public static ProtoBuffer Experiment(IReadOnlyList<KeyValuePair<string, object>> hparams, IReadOnlyList<string> metrics, double timeCreated)
    {
        var experiment = new ProtoBuffer();
        experiment.Double(3, timeCreated);
        foreach (var (name, value) in hparams)
        {
            var info = new ProtoBuffer();
            info.String(1, name);
            info.Varint(4, (ulong)(value switch
            {
                bool => DataTypeBool,
                string => DataTypeString,
                _ => DataTypeFloat64,
            }));
            experiment.Message(4, info);
        }

        foreach (string metric in metrics)
        {
            var metricName = new ProtoBuffer();
            metricName.String(2, metric);
            var info = new ProtoBuffer();
            info.Message(1, metricName);
            experiment.Message(5, info);
        }

        return Summary(ExperimentTag, 2, experiment);
    }

    public static ProtoBuffer SessionStart(IReadOnlyList<KeyValuePair<string, object>> hparams, string groupName, double startTime)
    {
        var start = new ProtoBuffer();
        foreach (var (name, value) in hparams)
        {
            // google.protobuf.Value: number_value 2, string_value 3, bool_value 4.
            var protoValue = new ProtoBuffer();
            switch (value)
            {
                case bool b:
                    protoValue.Varint(4, b ? 1UL : 0UL);
                    break;
                case string s:
                    protoValue.String(3, s);
                    break;
                default:
                    protoValue.Double(2, HparamValues.ToDouble(value));
                    break;
            }

            var entry = new ProtoBuffer();
            entry.String(1, name);
            entry.Message(2, protoValue);
            start.Message(1, entry);
        }

        start.String(4, groupName);
        start.Double(5, startTime);
        return Summary(SessionStartTag, 3, start);
    }

    public static ProtoBuffer SessionEnd(double endTime)
    {
        var end = new ProtoBuffer();
        end.Varint(1, StatusSuccess);
        end.Double(2, endTime);
        return Summary(SessionEndTag, 4, end);
    }

    private static ProtoBuffer Summary(string tag, int dataField, ProtoBuffer data)
    {
        var pluginData = new ProtoBuffer();
        pluginData.Message(dataField, data);
        return SummaryEvents.Summary(tag, SummaryEvents.EmptyFloatTensor(), "hparams", pluginData.Written);
    }
}
