using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Threading;

namespace Dms.Codegen.Json;

/// <summary>
/// A generated object's <c>AdditionalProperties</c>: the members of one parsed JSON object. The dictionary
/// (a string and an entry per member) is built when first used, so a response nobody inspects keeps only the
/// parsed copy. A repeated name keeps its last value, as JSON readers do.
/// </summary>
internal sealed class DmsUnknownMembers : IReadOnlyDictionary<string, JsonElement>
{
    private readonly JsonElement _object;
    private Dictionary<string, JsonElement>? _members;

    public DmsUnknownMembers(JsonElement value) => _object = value;

    public int Count => Members.Count;

    public IEnumerable<string> Keys => Members.Keys;

    public IEnumerable<JsonElement> Values => Members.Values;

    public JsonElement this[string key] => Members[key];

    private Dictionary<string, JsonElement> Members => _members ?? Build();

    public bool ContainsKey(string key) => Members.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value) => Members.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => Members.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<string, JsonElement> Build()
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in _object.EnumerateObject())
        {
            members[property.Name] = property.Value;
        }

        // Two threads may build it at once; both results are equal, and one is kept.
        return Interlocked.CompareExchange(ref _members, members, null) ?? members;
    }
}
