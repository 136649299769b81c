namespace SchemaGen.Examples;

/// <summary>Enumerates the steps of a feature list (<see cref="FeatureListReader.GetEnumerator"/>).</summary>
public ref struct FeatureListStepEnumerator
{
    private WireCursor _list;

    internal FeatureListStepEnumerator(WireCursor list)
    {
        _list = list;
    }

    /// <summary>The current step.</summary>
    public FeatureReader Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly FeatureListStepEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next step, checking its values.</summary>
    /// <returns>False after the last step.</returns>
    /// <exception cref="ExampleFormatException">The bytes are malformed.</exception>
    public bool MoveNext()
    {
        while (_list.HasMore)
        {
            uint tag = _list.ReadTag();
            if (tag == WireFormat.Field1Delimited)
            {
                WireCursor step = _list.ReadLengthDelimited();
                Current = new FeatureReader(_list.Buffer, _list.Context, step.Position, step.End);
                return true;
            }

            _list.SkipField(tag);
        }

        return false;
    }
}
