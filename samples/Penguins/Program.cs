using Microsoft.ML;
using Microsoft.ML.Data;
using Penguins;
using SchemaGen.ML;

// Trains ML.NET's multiclass logistic regression on the TFX penguin train split, read straight from its TFRecord
// file, and prints the accuracy on the eval split; then writes the eval predictions back as TFRecord Examples.
string data = Path.Combine(AppContext.BaseDirectory, "data");
string output = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "penguins-predictions.tfrecord");
var ml = new MLContext(seed: 0);

// One column per feature, named by its key: body_mass_g, culmen_depth_mm, ... (Single), species (Int64).
IDataView train = ml.Data.LoadFromTfRecord<Penguin>(Path.Combine(data, "penguins-train.tfrecord.gz"));
IDataView eval = ml.Data.LoadFromTfRecord<Penguin>(Path.Combine(data, "penguins-eval.tfrecord.gz"));
Console.WriteLine($"train: {train.GetRowCount()} rows, eval: {eval.GetRowCount()} rows");
Console.WriteLine($"columns: {string.Join(", ", train.Schema.Select(c => $"{c.Name} ({c.Type})"))}");

var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "species")
    .Append(ml.Transforms.Concatenate("Features", "culmen_length_mm", "culmen_depth_mm", "flipper_length_mm", "body_mass_g"))
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));

var model = pipeline.Fit(train);
IDataView scored = model.Transform(eval);
MulticlassClassificationMetrics metrics = ml.MulticlassClassification.Evaluate(scored);
Console.WriteLine($"eval accuracy: {metrics.MicroAccuracy:P1} (macro {metrics.MacroAccuracy:P1}), log-loss {metrics.LogLoss:F3}");
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

// The reverse: any IDataView's columns as Example features by name (species and PredictedSpecies int64, Score floats).
IDataView predictions = ml.Transforms.SelectColumns("species", "PredictedSpecies", "Score").Fit(scored).Transform(scored);
long written = ml.Data.SaveAsTfRecord(predictions, output);
Console.WriteLine($"wrote {written} predictions to {output}");
