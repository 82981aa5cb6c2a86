using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dms.Codegen.Runtime.Tests.Api;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Hostile;

/// <summary>
/// The envelope judged by the spec: where the response declares Success, anything but JSON true is an error;
/// an operation without Success (ListAuthorized*) is judged by its status and Code. Bodies that are not one
/// JSON object (arrays, scalars, nesting beyond any sane depth) are InvalidResponse.
/// </summary>
public class EnvelopeTests
{
    public static TheoryData<string, string?> DeclaredSuccessCases() => new()
    {
        { """{"RequestId":"R1","Success":true,"JobDegree":{"JobStatus":"INIT"}}""", null },
        { """{"Success":true,"RequestId":"R1","ErrorCode":"","ErrorMessage":"","JobDegree":null}""", null },
        { """{"RequestId":"R1","Success":"False"}""", DmsErrorCodes.Unsuccessful },
        { """{"RequestId":"R1","Success":"true"}""", DmsErrorCodes.Unsuccessful },
        { """{"RequestId":"R1","Success":0}""", DmsErrorCodes.Unsuccessful },
        { """{"RequestId":"R1","Success":1}""", DmsErrorCodes.Unsuccessful },
        { """{"RequestId":"R1","Success":null}""", DmsErrorCodes.Unsuccessful },
        { """{"RequestId":"R1","Success":{}}""", DmsErrorCodes.Unsuccessful },
        { """{"RequestId":"R1","Success":false}""", DmsErrorCodes.Unsuccessful },
        { """{"RequestId":"R1","Success":false,"ErrorCode":"","ErrorMessage":""}""", DmsErrorCodes.Unsuccessful },
        { """{"RequestId":"R1","Success":"False","ErrorCode":"UnknownError","ErrorMessage":"no tenant"}""", "UnknownError" },
        { """{"RequestId":"R1","Code":"Forbidden.NoPermission","Message":"no"}""", "Forbidden.NoPermission" },
        { """{"RequestId":"R1"}""", DmsErrorCodes.Unsuccessful },
        { """{"RequestId":"R1","JobDegree":{"JobStatus":"INIT"}}""", DmsErrorCodes.Unsuccessful },
    };

    [Theory]
    [MemberData(nameof(DeclaredSuccessCases))]
    public async Task WhereSuccessIsDeclaredOnlyJsonTrueIsASuccess(string body, string? code)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body));
        using var client = TestClients.Create(server.Endpoint);

        if (code is null)
        {
            Assert.Equal("R1", (await client.GetDataTrackJobDegreeAsync(TestClients.Degree())).RequestId);
            return;
        }

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), code, HttpStatusCode.OK, "R1");
        Assert.Contains(code, exception.Message);
        Assert.Equal(1, exception.Attempts); // an unsuccessful envelope is not transient
        Assert.Equal(1, server.RequestCount);
    }

    public static TheoryData<int, string, string?> NoSuccessCases() => new()
    {
        { 200, """{"RequestId":"R1","Users":[{"UserId":"u1","UserNickName":"n"}]}""", null },
        { 200, """{"RequestId":"R1","ErrorCode":"","Users":[{"UserId":"u1"}]}""", null },
        // The response declares no Success, so a stray one says nothing either way: the Code decides.
        { 200, """{"RequestId":"R1","Success":false,"Users":[{"UserId":"u1"}]}""", null },
        { 200, """{"RequestId":"R1","Success":false,"ErrorCode":"InvalidDbId","ErrorMessage":"no such database"}""", "InvalidDbId" },
        { 200, """{"RequestId":"R1","Code":"InvalidParameter","Message":"DbId is invalid"}""", "InvalidParameter" },
        { 200, """{"RequestId":"R1","ErrorCode":"UnknownError","ErrorMessage":"no"}""", "UnknownError" },
        { 400, """{"RequestId":"R1","Code":"InvalidParameter","Message":"DbId is invalid"}""", "InvalidParameter" },
        { 403, """{"RequestId":"R1","Code":"Forbidden.RAM","Message":"denied"}""", "Forbidden.RAM" },
        { 200, """[{"UserId":"u1"}]""", DmsErrorCodes.InvalidResponse },
    };

    [Theory]
    [MemberData(nameof(NoSuccessCases))]
    public async Task AnOperationWithoutSuccessIsJudgedByStatusAndCode(int status, string body, string? code)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body, status));
        using var client = TestClients.Create(server.Endpoint);
        var request = new ListAuthorizedUsersForDatabaseRequest { DbId = "135" };

        if (code is null)
        {
            var response = await client.ListAuthorizedUsersForDatabaseAsync(request);
            Assert.Equal("R1", response.RequestId);
            Assert.Equal("u1", Assert.Single(response.Users!).UserId);
            return;
        }

        var exception = await HostileKit.FailsWith(() => client.ListAuthorizedUsersForDatabaseAsync(request), code, (HttpStatusCode)status, code == DmsErrorCodes.InvalidResponse ? null : "R1");
        Assert.Equal(1, server.RequestCount);
    }

    public static TheoryData<string, string, string?> NotOneObject()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        return new()
        {
            { "an array", """[{"RequestId":"R1","Success":true}]""", null },
            { "an empty array", "[]", null },
            { "a number", "42", null },
            { "a string", "\"Success\"", null },
            { "null", "null", null },
            { "true", "true", null },
            { "10,000 nested arrays", deep, null },
            { "10,000 unclosed arrays", new string('[', 10_000), null },
            { "10,000 nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000), null },
            { "deep nesting after Success", """{"RequestId":"R1","Success":true,"Deep":""" + deep + "}", "R1" },
            { "deep nesting before Success", """{"RequestId":"R1","Deep":""" + deep + ""","Success":true}""", "R1" },
            { "deep nesting in a data member", """{"RequestId":"R1","Success":true,"JobDegree":{"StatusDesc":""" + deep + "}}", "R1" },
            { "two objects", """{"RequestId":"R1","Success":true}{"RequestId":"R2"}""", "R1" },
        };
    }

    [Theory]
    [MemberData(nameof(NotOneObject))]
    public async Task ABodyThatIsNotOneJsonObjectIsAnInvalidResponse(string shape, string body, string? requestId)
    {
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body));
        using var client = TestClients.Create(server.Endpoint);

        var exception = await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.OK, requestId);

        Assert.True(exception.RawBody!.Length <= body.Length + 1, shape);
    }

    [Fact]
    public async Task DeepNestingInAnErrorBodyIsAnInvalidResponseWithItsStatus()
    {
        var body = """{"Code":"InvalidParameter","Deep":""" + new string('[', 10_000) + new string(']', 10_000) + "}";
        await using var server = await LoopbackServer.StartAsync((c, _) => LoopbackServer.Json(c, body, 400));
        using var client = TestClients.Create(server.Endpoint);

        await HostileKit.FailsWith(() => client.GetDataTrackJobDegreeAsync(TestClients.Degree()), DmsErrorCodes.InvalidResponse, HttpStatusCode.BadRequest, null);
    }
}
