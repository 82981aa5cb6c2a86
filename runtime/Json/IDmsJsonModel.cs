using System.Text.Json;

namespace Dms.Codegen.Json;

/// <summary>
/// A type whose JSON reading and writing code is generated at compile time, so that no reflection is needed.
/// Every generated request, response and model type implements it.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IDmsJsonModel<TSelf> where TSelf : IDmsJsonModel<TSelf>
{
    /// <summary>Reads one value; the reader is positioned on its first token (StartObject or Null).</summary>
    static abstract TSelf ReadJson(ref Utf8JsonReader reader);

    /// <summary>Writes this value as one JSON value.</summary>
    void WriteJson(Utf8JsonWriter writer);
}
