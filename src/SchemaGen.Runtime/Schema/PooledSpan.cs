using System.Buffers;
using System.Runtime.InteropServices;

namespace SchemaGen.Schema;

/// <summary>
/// The elements of an <see cref="IReadOnlyList{T}"/> as a span, without allocating: an array or a
/// <see cref="List{T}"/> is used in place, any other list is copied to a pooled array that <see cref="Dispose"/> returns.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public ref struct PooledSpan<T>
{
    private T[]? _rented;

    /// <summary>Views a list as a span.</summary>
    /// <param name="list">The list; null gives an empty span.</param>
    public PooledSpan(IReadOnlyList<T>? list)
    {
        switch (list)
        {
            case null:
                Span = default;
                break;
            case T[] array:
                Span = array;
                break;
            case List<T> items:
                Span = CollectionsMarshal.AsSpan(items);
                break;
            default:
                _rented = ArrayPool<T>.Shared.Rent(list.Count);
                for (int i = 0; i < list.Count; i++)
                {
                    _rented[i] = list[i];
                }

                Span = _rented.AsSpan(0, list.Count);
                break;
        }
    }

    /// <summary>The elements.</summary>
    public ReadOnlySpan<T> Span { get; }

    /// <summary>Returns the pooled copy, if one was made.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<T>.Shared.Return(_rented, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _rented = null;
        }
    }
}
