namespace SchemaGen.TensorBoard.Internal;

/// <summary>Writes one serialized <c>Event</c> into a slot of the queue.</summary>
/// <typeparam name="TState">What the event is encoded from.</typeparam>
/// <param name="slot">Exactly the event's length.</param>
/// <param name="state">What the event is encoded from.</param>
/// <returns>The bytes written.</returns>
internal delegate int EventEncoding<TState>(Span<byte> slot, in TState state);
