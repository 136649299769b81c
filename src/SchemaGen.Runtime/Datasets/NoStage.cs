namespace SchemaGen.Datasets;

/// <summary>The stage of a plain batch dataset: the batch is parsed and handed out as it is.</summary>
internal sealed class NoStage<TBatch> : IBatchStage<TBatch, NoOutput>
{
    public static readonly NoStage<TBatch> Instance = new();

    private NoStage()
    {
    }

    public NoOutput CreateOutput(int capacity) => default;

    public void Run(TBatch batch, NoOutput output, BatchStageContext context)
    {
    }

    public void Complete(NoOutput output)
    {
    }

    public void Release(NoOutput output)
    {
    }
}
