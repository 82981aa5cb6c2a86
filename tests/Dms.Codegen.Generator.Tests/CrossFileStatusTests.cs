using System.Linq;
using Dms.Codegen.Generator.Tests.Infrastructure;
using Dms.Codegen.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dms.Codegen.Generator.Tests;

/// <summary>
/// A waiter's status path that goes through a named type of another spec file: followed through the index by the
/// same path rule as within a file, each mistake reported at the waiter's YAML, and a correct path generating a waiter.
/// </summary>
public class CrossFileStatusTests
{
    // The status value is on line 9, column 13; the success list starts on line 10.
    private const string Operation = """
        operation: GetThing
        parameters:
          OrderId: { type: int64, required: true }
        response:
          properties:
            Detail: { type: SharedDetail }
        waiters:
          Done:
            status: {0}
            success: [{1}]

        """;

    private const string Shared = """
        types:
          SharedDetail:
            properties:
              Info:
                properties:
                  JobStatus: { type: SharedStatus }
                  Count: { type: int32 }
                  Extra: { type: OtherInfo }
        enums:
          SharedStatus:
            values: { RUNNING: running, DONE: done }

        """;

    private const string Other = """
        types:
          OtherInfo:
            properties:
              State: { type: SharedStatus }

        """;

    private static GeneratorRun Run(string status, string success = "DONE") =>
        GeneratorHarness.Run(("/specs/a.yaml", Operation.Replace("{0}", status).Replace("{1}", success)), ("/specs/b.yaml", Shared), ("/specs/c.yaml", Other));

    [Theory]
    [InlineData("Detail.Info.JobStatus", "response.Detail?.Info?.JobStatus?.Value")]
    [InlineData("Detail.Info.Extra.State", "response.Detail?.Info?.Extra?.State?.Value")]
    public void A_status_path_through_types_of_other_files_generates_a_waiter(string status, string read)
    {
        var run = Run(status);
        Assert.Empty(run.SpecDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains($"static response => {read},", run.Source("GetThing.g.cs"));
    }

    [Fact]
    public void A_scalar_status_in_another_files_type_takes_values_of_its_kind()
    {
        var run = Run("Detail.Info.Count", "\"3\"");
        Assert.Empty(run.SpecDiagnostics);
        Assert.Contains("static response => DmsWaiterStatus.Text(response.Detail?.Info?.Count),", run.Source("GetThing.g.cs"));
    }

    [Fact]
    public void A_misspelt_member_of_another_files_type_is_DMS0040_at_the_status() =>
        WorkflowTests.AssertAt(Single(Run("Detail.Inof.JobStatus"), "DMS0040"), 9, 13, "the response has no member 'Inof' in 'Detail' (it has: Info)");

    [Fact]
    public void A_status_that_ends_at_an_object_of_another_file_is_DMS0041() =>
        WorkflowTests.AssertAt(Single(Run("Detail.Info"), "DMS0041"), 9, 13, "is an object; a status must end at an enum or a scalar");

    [Fact]
    public void A_status_that_ends_at_a_type_of_a_third_file_is_DMS0041() =>
        WorkflowTests.AssertAt(Single(Run("Detail.Info.Extra"), "DMS0041"), 9, 13, "is the type 'OtherInfo', an object");

    [Fact]
    public void A_path_through_an_enum_of_another_file_is_DMS0041() =>
        WorkflowTests.AssertAt(Single(Run("Detail.Info.JobStatus.Value"), "DMS0041"), 9, 13, "is the enum 'SharedStatus', which has no members");

    [Fact]
    public void A_state_the_enum_reached_through_another_file_does_not_document_is_DMS0042_at_the_state() =>
        WorkflowTests.AssertAt(Single(Run("Detail.Info.Extra.State", "FINISHED"), "DMS0042"), 10, 15, "'FINISHED' is not a documented value of SharedStatus (documented: RUNNING, DONE)");

    [Fact]
    public void A_state_that_does_not_fit_a_scalar_of_another_file_is_DMS0042() =>
        WorkflowTests.AssertAt(Single(Run("Detail.Info.Count", "three"), "DMS0042"), 10, 15, "three");

    [Fact]
    public void Renaming_a_member_in_the_other_file_re_checks_the_waiter_and_a_description_edit_leaves_the_index_alone()
    {
        var a = new InMemorySpec("/specs/a.yaml", Operation.Replace("{0}", "Detail.Info.JobStatus").Replace("{1}", "DONE"));
        var b = new InMemorySpec("/specs/b.yaml", Shared);
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(new AdditionalText[] { a, b, new InMemorySpec("/specs/c.yaml", Other) }).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);

        // The index keeps the type's members without their documentation, so a description edit changes nothing in it.
        var described = new InMemorySpec(b.Path, Shared.Replace("  SharedDetail:\n", "  SharedDetail:\n    description: A detail.\n"));
        driver = driver.ReplaceAdditionalText(b, described).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        var index = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Index];
        Assert.All(index, r => Assert.All(r.Outputs, o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged })));

        var renamed = new InMemorySpec(b.Path, Shared.Replace("      Info:", "      Information:"));
        driver = driver.ReplaceAdditionalText(described, renamed).RunGenerators(compilation);
        var diagnostic = Assert.Single(driver.GetRunResult().Diagnostics, d => d.Location.GetLineSpan().Path == a.Path);
        WorkflowTests.AssertAt(diagnostic, 9, 13, "no member 'Info' in 'Detail' (it has: Information)");
    }

    private static Diagnostic Single(GeneratorRun run, string id)
    {
        var diagnostic = Assert.Single(run.SpecDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal("/specs/a.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain("GetThing.g.cs", run.HintNames);
        return diagnostic;
    }
}
