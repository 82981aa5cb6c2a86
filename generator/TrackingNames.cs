namespace Dms.Codegen.Generator;

/// <summary>Names of the pipeline steps, so that tests can assert which steps ran again.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string SpecFiles = nameof(SpecFiles);
    public const string Parse = nameof(Parse);
    public const string Summaries = nameof(Summaries);
    public const string Index = nameof(Index);
    public const string Validate = nameof(Validate);
    public const string Model = nameof(Model);
    public const string EmitOptions = nameof(EmitOptions);
}
