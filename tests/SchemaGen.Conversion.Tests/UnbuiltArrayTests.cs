using SchemaGen.Conversion.Sources;
using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Conversion.Tests;

/// <summary>A numpy array that <c>_reconstruct</c> made and no BUILD filled is refused, saying what was expected.</summary>
public sealed class UnbuiltArrayTests
{
    [Fact]
    public void A_numpy_array_reconstructed_without_build_is_refused_saying_what_was_expected()
    {
        // _reconstruct(ndarray, (0,), 'b') with no BUILD after it: the array never gets shape, dtype or data.
        var p = new PickleBuilder().Proto(2).EmptyDict().Mark();
        p.String("data");
        p.Global("numpy.core.multiarray", "_reconstruct").Global("numpy", "ndarray").Int(0).Tuple1().String("b").Tuple3().Reduce();
        p.String("labels").EmptyList();
        byte[] pickle = p.SetItems().Stop().ToArray();

        var error = Assert.Throws<DatasetFormatException>(() => CifarReader.ReadPythonBatch(pickle, "data_batch_1", cifar100: false));

        Assert.Equal(DatasetProblem.RefusedPickle, error.Problem);
        Assert.Equal("data_batch_1: 'data': an ndarray was reconstructed but never given its state (no BUILD with shape, dtype and data); expected uint8 of shape (N, 3072)", error.Message);
    }

    [Fact]
    public void Labels_in_a_numpy_array_without_build_are_refused()
    {
        var p = new PickleBuilder().Proto(2).EmptyDict().Mark();
        p.String("labels");
        p.Global("numpy.core.multiarray", "_reconstruct").Global("numpy", "ndarray").Int(0).Tuple1().String("b").Tuple3().Reduce();
        byte[] pickle = p.SetItems().Stop().ToArray();

        var error = Assert.Throws<DatasetFormatException>(() => CifarReader.ReadPythonBatch(pickle, "data_batch_1", cifar100: false));

        Assert.Contains("'labels' is an ndarray without state (never built); expected a list of integers", error.Message);
    }
}
