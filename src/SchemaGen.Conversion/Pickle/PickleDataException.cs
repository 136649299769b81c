namespace SchemaGen.Conversion.Pickle;

/// <summary>Unpickled data is not what a numpy array or a dataset dict should be; the loader adds the file name.</summary>
internal sealed class PickleDataException(string message) : Exception(message);
