using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dms.Codegen.Generator.Emit;

/// <summary>
/// With <c>DmsCodegenEmitShapes=true</c>, emits <c>{Client}.Shapes</c>: per spec file, its response tree,
/// named types and enums as JSON, so the DMS emulator can answer every operation completely from the same
/// parsed model the client is generated from (there is no second reader of the YAML format). Off by
/// default: only the emulator and users who emulate their own specs need it.
/// </summary>
internal static class ShapeEmitter
{
    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<SpecModel?> models, IncrementalValueProvider<GeneratorOptions> options)
    {
        var enabled = options.Select(static (o, _) => o.EmitShapes && o.CanEmit);
        context.RegisterSourceOutput(models.Combine(enabled).Combine(options), static (output, pair) => DmsClientGenerator.Guard(output, () =>
        {
            if (pair.Left.Right && pair.Left.Left is { } model)
            {
                output.AddSource(model.HintName + ".Shape.g.cs", SourceText.From(EmitFile(pair.Right, model), Encoding.UTF8));
            }
        }));

        var names = models
            .Select(static (model, _) => model?.HintName)
            .Where(static name => name is not null)
            .Collect()
            .Select(static (all, _) => all.Select(static n => n!).OrderBy(static n => n, StringComparer.Ordinal).ToEquatableArray());
        context.RegisterSourceOutput(names.Combine(enabled).Combine(options), static (output, pair) => DmsClientGenerator.Guard(output, () =>
        {
            if (pair.Left.Right)
            {
                output.AddSource(pair.Right.ClientName + ".Shapes.g.cs", SourceText.From(EmitCatalog(pair.Right, pair.Left.Left), Encoding.UTF8));
            }
        }));
    }

    // Hint names may carry ".2" (case-unique) or "-xxxx" (escaped or shortened); neither is an identifier character.
    private static string ConstantName(string hintName) => hintName.Replace(".", "__").Replace('-', '_') + "Shape";

    private static string EmitCatalog(GeneratorOptions options, EquatableArray<string> hintNames)
    {
        using var w = new SourceWriter();
        w.Open($"partial class {options.ClientName}");
        w.Line("/// <summary>Each spec file's response shapes as JSON, for the DMS emulator (<c>DmsCodegenEmitShapes</c>).</summary>");
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Shapes { get; } = new string[]");
        w.Line("{");
        foreach (var name in hintNames)
        {
            w.Line($"    {ConstantName(name)},");
        }

        w.Line("};");
        w.Close();
        return SpecEmitter.Compose(options, w);
    }

    private static string EmitFile(GeneratorOptions options, SpecModel model)
    {
        using var w = new SourceWriter();
        w.Open($"partial class {options.ClientName}");
        w.Line($"private const string {ConstantName(model.HintName)} = \"\"\"");
        foreach (var line in Json(model))
        {
            w.Line("    " + line);
        }

        w.Line("    \"\"\";");
        w.Close();
        return SpecEmitter.Compose(options, w);
    }

    /// <summary>The shape as JSON, one member per line. It never holds three quotes in a row, so a raw literal keeps it.</summary>
    private static IEnumerable<string> Json(SpecModel model)
    {
        yield return "{";
        if (model.Operation is { } operation)
        {
            yield return $"  \"operation\": {Quote(operation.Name)}, \"version\": {Quote(operation.Version)}, \"response\": {Quote(operation.Response.Name)},";
            yield return "  \"parameters\": {";
            for (var i = 0; i < operation.Parameters.Count; i++)
            {
                var p = operation.Parameters[i].Property;
                var type = Type(p.Type, p.Docs.Example);
                type = p.Required ? type.Insert(type.Length - 2, ", \"required\": true") : type;
                yield return $"    {Quote(p.WireName)}: {type}{(i < operation.Parameters.Count - 1 ? "," : string.Empty)}";
            }

            yield return "  },";
            if (operation.Workflow is { } workflow && (workflow.Pagination is not null || workflow.Stream))
            {
                yield return "  " + Workflow(workflow) + ",";
            }
        }

        yield return "  \"types\": {";
        var roots = (model.Operation is { } op ? new[] { op.Response } : Array.Empty<ObjectModel>()).Concat(model.Types).ToList();
        var objects = roots.SelectMany(root => new[] { (root.Name, root) }.Concat(root.NestedTypes.Select(nested => (GeneratedNames.Nested(root.Name, nested.Name), nested)))).ToList();
        for (var i = 0; i < objects.Count; i++)
        {
            var (name, type) = objects[i];
            yield return $"    {Quote(name)}: {{";
            for (var j = 0; j < type.Properties.Count; j++)
            {
                var property = type.Properties[j];
                yield return $"      {Quote(property.WireName)}: {Type(property.Type, property.Docs.Example)}{(j < type.Properties.Count - 1 ? "," : string.Empty)}";
            }

            yield return i < objects.Count - 1 ? "    }," : "    }";
        }

        yield return "  },";
        yield return "  \"enums\": {";
        for (var i = 0; i < model.Enums.Count; i++)
        {
            var e = model.Enums[i];
            var values = string.Join(", ", e.Values.Select(v => Quote(v.Value)));
            yield return $"    {Quote(e.Name)}: {{ \"numeric\": {(e.Numeric ? "true" : "false")}, \"values\": [{values}] }}{(i < model.Enums.Count - 1 ? "," : string.Empty)}";
        }

        yield return "  }";
        yield return "}";
    }

    /// <summary>
    /// Paging by wire paths (request fields for page and size, response members for items, total and next token)
    /// and whether the operation streams events: what the emulator needs to page a list and stream an answer.
    /// </summary>
    private static string Workflow(WorkflowModel workflow)
    {
        var text = new StringBuilder("\"workflow\": { \"stream\": ").Append(workflow.Stream ? "true" : "false");
        if (workflow.Pagination is { } p)
        {
            text.Append(", \"paging\": { \"style\": ").Append(Quote(p.Style.ToString()))
                .Append(", \"firstPage\": ").Append(p.FirstPage.ToString(CultureInfo.InvariantCulture))
                .Append(", \"page\": ").Append(Quote(p.Wire.Page));
            foreach (var (key, value) in new[] { ("size", p.Wire.Size), ("items", p.Wire.Items), ("total", p.Wire.Total), ("nextToken", p.Wire.NextToken) })
            {
                if (value is not null)
                {
                    text.Append(", ").Append(Quote(key)).Append(": ").Append(Quote(value));
                }
            }

            text.Append(" }");
        }

        return text.Append(" }").ToString();
    }

    private static string Type(TypeRef type, string? example)
    {
        // The runtime's wire vocabulary names the kind (an enum is the kind of its values); the emulator reads it
        // back as a DmsValueKind and finds an enum by its name.
        var kind = type.WireKind.ToString();
        var text = new StringBuilder("{ \"type\": ").Append(Quote(kind));
        if (type.Name is { } name)
        {
            text.Append(", \"name\": ").Append(Quote(name));
        }

        if (type.Element is { } element)
        {
            text.Append(", \"items\": ").Append(Type(element, null));
        }

        if (example is not null)
        {
            text.Append(", \"example\": ").Append(Quote(example));
        }

        return text.Append(" }").ToString();
    }

    /// <summary>A JSON string. Control and line-separator characters are escaped, so each value stays on its line.</summary>
    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case < ' ' or '\u2028' or '\u2029' or '\u0085' or '\u007f':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }
}
