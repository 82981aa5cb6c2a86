using System.Collections.Generic;
using System.Globalization;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;
using Dms.Codegen.Generator.Validation;

namespace Dms.Codegen.Generator.Parsing;

/// <summary>Parses <c>waiters:</c>: each waiter's status path, its states (checked against the documented values) and its timing.</summary>
internal static class WaiterParser
{
    public static readonly string[] WaiterKeys = { "description", "status", "success", "failure", "waiting", "blocked", "delay", "maxDelay", "backoff", "maxWait" };

    private static readonly string[] StateLists = { "success", "failure", "blocked", "waiting" };

    public static List<WaiterModel> Parse(ParseContext context, YamlNode? node, MemberPaths paths)
    {
        var waiters = new List<WaiterModel>();
        if (node is null || !context.IsMapping(node, "waiters", allowNull: true))
        {
            return waiters;
        }

        foreach (var entry in node.Entries)
        {
            var name = context.Identifier(entry.Key.Value!, entry.Key, NameUse.Other);
            if (name is not null)
            {
                context.Declare(GeneratedNames.WaiterMethod(name), DeclarationKind.ExtensionMethod, entry.Key.Location);
            }

            if (name is not null && context.IsMapping(entry.Value, name) && ParseWaiter(context, name, entry.Key.Location, entry.Value, paths) is { } waiter)
            {
                waiters.Add(waiter);
            }
        }

        return waiters;
    }

    private static WaiterModel? ParseWaiter(ParseContext context, string name, LocationInfo location, YamlNode node, MemberPaths paths)
    {
        context.CheckKeys(node, "waiter", name, WaiterKeys);
        var what = $"Waiter '{name}'";
        var statusNode = ParseContext.Find(node, "status");
        var statusText = context.GetText(node, "status");
        if (statusNode is null || ParseContext.Find(node, "success") is null)
        {
            context.Report(DiagnosticDescriptors.MissingKey, location, $"The waiter '{name}'", statusNode is null ? "status" : "success");
            return null;
        }

        var status = statusText is null ? null : paths.Resolve(context, statusText, statusNode.Location, what, acrossFiles: true);
        var documented = status is null ? null : DocumentedValues(context, what, statusText!, status.Type, statusNode.Location, paths);
        var lists = new Dictionary<string, List<string>>();
        var meaning = new Dictionary<string, string>();
        var listed = new List<StateValue>();
        var ok = status is not null && documented is not null;
        foreach (var list in StateLists)
        {
            lists[list] = new List<string>();
            foreach (var (value, valueLocation) in States(context, node, list))
            {
                listed.Add(new StateValue(value, valueLocation));
                if (meaning.TryGetValue(value, out var other))
                {
                    context.Report(DiagnosticDescriptors.ConflictingWaiterState, valueLocation, name, value, other, list);
                    ok = false;
                }
                else if (documented is not null && !documented.Accepts(value))
                {
                    context.Report(DiagnosticDescriptors.UnknownWaiterState, valueLocation, name, value, documented.Name, documented.Values);
                    ok = false;
                }

                meaning[value] = list;
                lists[list].Add(value);
            }
        }

        if (status is { Type.Kind: TypeRefKind.Unresolved })
        {
            // An enum (or, wrongly, an object type) of this file or another, or a path that goes on through a type of
            // another file: the validator follows it and checks the states against the index.
            context.StateChecks.Add(new StateCheck(name, statusText!, status.Type.Name!, statusNode.Location, listed.ToEquatableArray()) { Rest = status.Rest });
        }

        var delay = Duration(context, node, "delay", 2_000);
        var maxDelay = Duration(context, node, "maxDelay", System.Math.Max(30_000, delay ?? 0));
        var maxWait = Duration(context, node, "maxWait", 30 * 60_000);
        var backoff = Backoff(context, node);
        if (delay is { } d && maxDelay is { } m && m < d)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, ParseContext.Find(node, "maxDelay")!.Location, "maxDelay", "the longest delay cannot be shorter than 'delay'");
            ok = false;
        }

        if (!ok || delay is null || maxDelay is null || maxWait is null || backoff is null || lists["success"].Count == 0)
        {
            return null;
        }

        return new WaiterModel(name, context.GetText(node, "description"), status!, lists["success"].ToEquatableArray(), lists["failure"].ToEquatableArray(), lists["blocked"].ToEquatableArray(), delay.Value, maxDelay.Value, backoff.Value, maxWait.Value);
    }

    /// <summary>
    /// What the status may be: any value of a scalar's kind; for a declared name, anything here, since the enum may
    /// be in another file and its values are checked against the index (<c>WaiterStateRules</c>).
    /// </summary>
    private static Documented? DocumentedValues(ParseContext context, string what, string path, TypeRef type, LocationInfo location, MemberPaths paths)
    {
        if (WaiterStateRules.IsStatusKind(type.Kind))
        {
            return new Documented(paths.Describe(type), type.Kind.ToString().ToLowerInvariant(), type.Kind);
        }

        context.Report(DiagnosticDescriptors.WrongValueKind, location, what, path, $"is {paths.Describe(type)}; a status must end at an enum or a scalar");
        return null;
    }

    private static IEnumerable<(string Value, LocationInfo Location)> States(ParseContext context, YamlNode node, string key)
    {
        var list = ParseContext.Find(node, key);
        if (list is null || list.Kind == YamlNodeKind.Null)
        {
            yield break;
        }

        if (list.Kind != YamlNodeKind.Sequence)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, list.Location, key, "expected a list of status values");
            yield break;
        }

        foreach (var item in list.Items)
        {
            if (item.Kind == YamlNodeKind.Scalar)
            {
                yield return (item.Value!, item.Location);
            }
            else
            {
                context.Report(DiagnosticDescriptors.InvalidValue, item.Location, key, "expected a status value");
            }
        }
    }

    /// <summary>A duration such as 500ms, 2s, 5m or 1h, in milliseconds; the default when absent.</summary>
    private static long? Duration(ParseContext context, YamlNode node, string key, long defaultMs)
    {
        var valueNode = ParseContext.Find(node, key);
        var text = context.GetText(node, key);
        if (valueNode is null || text is null)
        {
            return valueNode is null ? defaultMs : null;
        }

        var unit = text.EndsWith("ms", System.StringComparison.Ordinal) ? "ms" : text.Length > 0 ? text.Substring(text.Length - 1) : string.Empty;
        var scale = unit switch { "ms" => 1, "s" => 1_000, "m" => 60_000, "h" => 3_600_000, _ => 0 };
        if (scale > 0 && double.TryParse(text.Substring(0, text.Length - unit.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number * scale is > 0 and <= 7 * 24 * 3_600_000.0)
        {
            return (long)(number * scale);
        }

        context.Report(DiagnosticDescriptors.InvalidValue, valueNode.Location, key, "expected a positive duration of at most 7 days, such as 500ms, 2s, 5m or 1h");
        return null;
    }

    private static double? Backoff(ParseContext context, YamlNode node)
    {
        var valueNode = ParseContext.Find(node, "backoff");
        var text = context.GetText(node, "backoff");
        if (valueNode is null)
        {
            return 1.5;
        }

        if (text is not null && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10)
        {
            return value;
        }

        context.Report(DiagnosticDescriptors.InvalidValue, valueNode.Location, "backoff", "expected a factor from 1 to 10, such as 1.5");
        return null;
    }

    /// <summary>The scalar kind a state must fit (a declared name's values are checked later, so anything fits here).</summary>
    private sealed class Documented
    {
        private readonly TypeRefKind _kind;

        public Documented(string name, string values, TypeRefKind kind)
        {
            Name = name;
            Values = values;
            _kind = kind;
        }

        public string Name { get; }

        public string Values { get; }

        public bool Accepts(string value) => WaiterStateRules.Fits(_kind, value);
    }
}
