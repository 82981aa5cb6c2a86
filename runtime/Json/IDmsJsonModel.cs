using System.Text.Json;

namespace Dms.Codegen.Json;

/// <summary>A type whose JSON writing code is generated at compile time. Request-side types are only ever written.</summary>
public interface IDmsJsonWritable
{
    /// <summary>Writes this value as one JSON value.</summary>
    void WriteJson(Utf8JsonWriter writer);
}

/// <summary>
/// A type whose JSON reading and writing code is generated at compile time, so that no reflection is needed.
/// Every generated response and shared model type implements it.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IDmsJsonModel<TSelf> : IDmsJsonWritable where TSelf : IDmsJsonModel<TSelf>
{
    /// <summary>Reads one value; the reader is positioned on its first token, which must be StartObject.</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);
}
