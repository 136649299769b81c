using System.Numerics;
using System.Runtime.InteropServices;

namespace Cifar10;

/// <summary>
/// Multinomial logistic regression on the pipeline's normalized float images, trained by mini-batch gradient
/// descent: the smallest classifier that shows the data pipeline working end to end. Inner loops are
/// <see cref="Vector{T}"/> dot products and axpys over the 3072 inputs.
/// </summary>
public sealed class SoftmaxRegression
{
    private const int Inputs = 32 * 32 * 3;

    private readonly int _classes;
    private readonly float[] _weights;   // [class, input]
    private readonly float[] _bias;
    private readonly float[] _gradient;  // [class, input], summed over a batch
    private readonly float[] _biasGradient;
    private readonly float[] _probabilities;

    public SoftmaxRegression(int classes)
    {
        _classes = classes;
        _weights = new float[classes * Inputs];
        _bias = new float[classes];
        _gradient = new float[classes * Inputs];
        _biasGradient = new float[classes];
        _probabilities = new float[classes];
    }

    /// <summary>The weights, [class, input]: what the training log's histogram shows.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>One gradient step on a batch of images; returns the summed cross-entropy loss and the number classified right.</summary>
    public (double Loss, int Correct) Train(ReadOnlySpan<float> images, ReadOnlySpan<long> labels, float learningRate)
    {
        Array.Clear(_gradient);
        Array.Clear(_biasGradient);
        double loss = 0;
        int correct = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            int label = (int)labels[row];
            var input = images.Slice(row * Inputs, Inputs);
            correct += Predict(input) == label ? 1 : 0;
            loss -= Math.Log(Math.Max(_probabilities[label], 1e-12f));
            for (int k = 0; k < _classes; k++)
            {
                // d(loss)/d(logit k) = p_k - [k == label]
                float error = _probabilities[k] - (k == label ? 1f : 0f);
                AddScaled(_gradient.AsSpan(k * Inputs, Inputs), input, error);
                _biasGradient[k] += error;
            }
        }

        float step = -learningRate / labels.Length;
        AddScaled(_weights, _gradient, step);
        AddScaled(_bias, _biasGradient, step);
        return (loss, correct);
    }

    /// <summary>The most probable class of one image; leaves the class probabilities in a buffer for training.</summary>
    public int Predict(ReadOnlySpan<float> image)
    {
        float max = float.NegativeInfinity;
        int best = 0;
        for (int k = 0; k < _classes; k++)
        {
            float logit = Dot(_weights.AsSpan(k * Inputs, Inputs), image) + _bias[k];
            _probabilities[k] = logit;
            if (logit > max)
            {
                (max, best) = (logit, k);
            }
        }

        float total = 0;
        for (int k = 0; k < _classes; k++)
        {
            total += _probabilities[k] = MathF.Exp(_probabilities[k] - max);
        }

        for (int k = 0; k < _classes; k++)
        {
            _probabilities[k] /= total;
        }

        return best;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sum = Vector<float>.Zero;
        for (int i = 0; i < va.Length; i++)
        {
            sum += va[i] * vb[i];
        }

        float result = Vector.Sum(sum);
        for (int i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            result += a[i] * b[i];
        }

        return result;
    }

    // destination += source * factor
    private static void AddScaled(Span<float> destination, ReadOnlySpan<float> source, float factor)
    {
        var vd = MemoryMarshal.Cast<float, Vector<float>>(destination);
        var vs = MemoryMarshal.Cast<float, Vector<float>>(source);
        for (int i = 0; i < vd.Length; i++)
        {
            vd[i] += vs[i] * factor;
        }

        for (int i = vd.Length * Vector<float>.Count; i < destination.Length; i++)
        {
            destination[i] += source[i] * factor;
        }
    }
}
