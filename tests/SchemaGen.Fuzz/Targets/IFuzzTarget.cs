namespace SchemaGen.Fuzz.Targets;

/// <summary>
/// One thing to fuzz: it runs an input through the code under test and returns when the outcome is allowed (a result
/// or one of the documented exceptions, caught inside); any other exception, or a <see cref="FuzzFindingException"/> for a
/// broken property, is a finding. Adding a target is one class implementing this and a line in <see cref="FuzzTargets"/>.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name the command line, the corpus folders and the regression folder use.</summary>
    string Name { get; }

    /// <summary>Real inputs to start mutating from (the interop files and fixtures).</summary>
    IReadOnlyList<byte[]> Seeds();

    /// <summary>Runs one input.</summary>
    void Run(byte[] input);

    /// <summary>The most bytes one run may allocate on the calling thread for an input of this length.</summary>
    long AllocationBound(int inputLength) => 64L * inputLength + (16 << 20);
}
