using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Dms.Codegen.Generator.Diagnostics;
using Dms.Codegen.Generator.Emit;
using Dms.Codegen.Generator.Model;
using Dms.Codegen.Generator.Names;
using Dms.Codegen.Generator.Parsing;
using Dms.Codegen.Generator.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Dms.Codegen.Generator;

/// <summary>
/// Turns DMS operation specs (YAML AdditionalFiles tagged <c>DmsSpec="true"</c>) into a typed client.
/// Each file is parsed on its own; only a small index of declared names crosses files, so editing one
/// spec re-runs that spec's steps and leaves the others cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DmsClientGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var runtimeReferenced = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(KnownTypes.ClientBaseMetadataName) is not null);

        context.RegisterSourceOutput(context.CompilationProvider.Select(static (compilation, _) => RuntimeVersionCheck.FindTooOld(compilation)), RuntimeVersionCheck.Report);

        var options = context.AnalyzerConfigOptionsProvider
            .Combine(runtimeReferenced)
            .Select(static (pair, _) => ReadOptions(pair.Left.GlobalOptions, pair.Right))
            .Combine(context.CompilationProvider)
            .Select(static (pair, _) => CheckConsumer(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Options);

        var specFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsSpec(pair.Left, pair.Right))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.SpecFiles);

        var parsed = specFiles
            .Select(static (file, cancellationToken) => Parse(file, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var index = parsed
            .Select(static (spec, _) => spec.Summary.WithoutLocations())
            .WithTrackingName(TrackingNames.Summaries)
            .Collect()
            .Combine(options)
            .Select(static (pair, cancellationToken) => SpecValidator.BuildIndex(pair.Left, pair.Right.ClientName, cancellationToken))
            .WithTrackingName(TrackingNames.Index);

        var validated = parsed
            .Combine(index)
            .Combine(options)
            .Select(static (pair, _) => SpecValidator.Validate(pair.Left.Left, pair.Left.Right, pair.Right.ClientName))
            .WithTrackingName(TrackingNames.Validate);

        // Diagnostics and source are separate outputs, so a change in positions alone never re-emits code.
        context.RegisterSourceOutput(validated.Select(static (spec, _) => spec.Diagnostics), static (output, diagnostics) => Guard(output, () =>
        {
            foreach (var diagnostic in diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }));

        var models = validated
            .Select(static (spec, _) => spec.Model)
            .WithTrackingName(TrackingNames.Model);

        // One value for the whole build, compared by value: only marking or unmarking something deprecated re-emits.
        var anyDeprecated = models
            .Select(static (model, _) => model?.HasDeprecated == true)
            .Collect()
            .Select(static (flags, _) => flags.Contains(true));
        var emitOptions = options
            .Combine(anyDeprecated)
            .Select(static (pair, _) => pair.Left with { AnyDeprecated = pair.Right })
            .WithTrackingName(TrackingNames.EmitOptions);

        context.RegisterSourceOutput(models.Combine(emitOptions), static (output, pair) => Guard(output, () => EmitSpec(output, pair.Left, pair.Right)));

        // Only the sorted operation names cross files here, so the catalog is re-emitted only when one is added or removed.
        var operationNames = validated
            .Select(static (spec, _) => spec.Model?.Operation?.Name)
            .Where(static name => name is not null)
            .Collect()
            .Select(static (names, _) => names.Select(static name => name!).OrderBy(static name => name, StringComparer.Ordinal).ToEquatableArray());
        context.RegisterSourceOutput(operationNames.Combine(emitOptions), static (output, pair) => Guard(output, () =>
        {
            if (pair.Right.CanEmit)
            {
                output.AddSource(GeneratedNames.CatalogFile(pair.Right.ClientName) + ".g.cs", SourceText.From(ClientEmitter.EmitCatalogFile(pair.Right, pair.Left), System.Text.Encoding.UTF8));
            }
        }));

        ShapeEmitter.Register(context, models, emitOptions);

        var anySpec = specFiles.Collect().Select(static (files, _) => !files.IsEmpty);
        context.RegisterSourceOutput(emitOptions.Combine(anySpec), static (output, pair) => Guard(output, () => EmitClient(output, pair.Left, pair.Right)));
    }

    /// <summary>
    /// The last line of defence: no exception leaves an output step (Roslyn would turn it into CS8785 and drop
    /// every DMS output of the build). Hint names are unique by construction (GeneratedNames.UniqueHintName),
    /// so AddSource has nothing to reject; anything else that goes wrong is DMS0013.
    /// </summary>
    internal static void Guard(SourceProductionContext output, Action emit)
    {
        try
        {
            emit();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, exception.GetType().Name + ": " + exception.Message));
        }
    }

    private static bool IsSpec(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
        options.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles.DmsSpec", out var flag)
        && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);

    private static GeneratorOptions ReadOptions(AnalyzerConfigOptions options, bool runtimeReferenced)
    {
        var ownNamespace = Read(options, "build_property.DmsCodegenNamespace");
        var ns = ownNamespace ?? Read(options, "build_property.RootNamespace") ?? GeneratorOptions.DefaultNamespace;
        var client = Read(options, "build_property.DmsCodegenClientName") ?? GeneratorOptions.DefaultClientName;
        var accessibility = Read(options, "build_property.DmsCodegenAccessibility")?.ToLowerInvariant() ?? GeneratorOptions.Public;
        var shapes = string.Equals(Read(options, "build_property.DmsCodegenEmitShapes"), "true", StringComparison.OrdinalIgnoreCase);
        // The namespace and client name are written into code as they are: one C# cannot read would be CS errors in every file.
        var invalid = !CSharpNames.IsNamespace(ns) ? new InvalidProperty(ownNamespace is null ? "RootNamespace" : "DmsCodegenNamespace", ns, InvalidProperty.NamespaceExpected)
            : !GeneratedNames.IsUsableClientName(client) ? new InvalidProperty("DmsCodegenClientName", client, InvalidProperty.ClientNameExpected)
            : accessibility is not (GeneratorOptions.Public or GeneratorOptions.Internal) ? new InvalidProperty("DmsCodegenAccessibility", accessibility, "one of: public, internal")
            : null;
        return new GeneratorOptions(ns, client, runtimeReferenced, invalid is null ? accessibility : GeneratorOptions.Public) { Invalid = invalid, EmitShapes = shapes };

        static string? Read(AnalyzerConfigOptions options, string key) =>
            options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    /// <summary>
    /// What of the consumer's compilation can stop generation: a C# version older than generated code needs (DMS0022),
    /// or a declaration that hides a name it uses (DMS0021). Both results compare by value, so an edit that changes
    /// neither leaves every later step cached.
    /// </summary>
    private static GeneratorOptions CheckConsumer(GeneratorOptions options, Compilation compilation)
    {
        if (!options.CanEmit)
        {
            return options;
        }

        // File-local helper classes and static abstract interface members (IDmsJsonModel<T>.ReadJson) are C# 11.
        if (compilation is CSharpCompilation { LanguageVersion: < LanguageVersion.CSharp11 } csharp)
        {
            return options with { OldLanguage = csharp.LanguageVersion.ToDisplayString() };
        }

        return options with { Hidden = ConsumerNames.FindHidden(compilation, options.Namespace) };
    }

    private static ParsedSpec Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            var location = new LocationInfo(file.Path, 0, 0, 0, 0, 0, 0);
            var summary = new SpecSummary(file.Path, true, EquatableArray<Declaration>.Empty, EquatableArray<NameReference>.Empty, EquatableArray<ParameterCheck>.Empty);
            return new ParsedSpec(null, summary, new EquatableArray<DiagnosticInfo>(new[] { DiagnosticInfo.Create(DiagnosticDescriptors.YamlSyntaxError, location, "the file could not be read") }));
        }

        return SpecParser.Parse(file.Path, text.ToString(), cancellationToken);
    }

    private static void EmitSpec(SourceProductionContext output, SpecModel? model, GeneratorOptions options)
    {
        if (model is null || !options.CanEmit || (model.Operation is null && model.Types.IsEmpty && model.Enums.IsEmpty))
        {
            return;
        }

        try
        {
            var source = SpecEmitter.Emit(model, options, output.CancellationToken);
            output.AddSource(model.HintName + ".g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, exception.GetType().Name + ": " + exception.Message));
        }
    }

    private static void EmitClient(SourceProductionContext output, GeneratorOptions options, bool anySpec)
    {
        if (options.Invalid is { } invalid)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidProperty, Location.None, invalid.Property, invalid.Shown, invalid.Expected));
            return;
        }

        if (options.OldLanguage is { } language)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LanguageVersionTooOld, Location.None, language));
            return;
        }

        if (options.Hidden is { } hidden)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HiddenName, Location.None, hidden, options.Namespace));
            return;
        }

        if (!options.RuntimeReferenced)
        {
            if (anySpec)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RuntimeNotReferenced, Location.None, KnownTypes.ClientBaseMetadataName));
            }

            return;
        }

        output.AddSource(GeneratedNames.ClientFile(options.ClientName) + ".g.cs", SourceText.From(ClientEmitter.EmitClientFile(options), System.Text.Encoding.UTF8));
    }
}
