using System.Collections.Generic;
using Dms.Codegen.Signing;
using Xunit;

namespace Dms.Codegen.Runtime.Tests;

/// <summary>The known-answer vectors from Alibaba Cloud's documentation (see shared/reference/signing.md).</summary>
public class SigningVectorTests
{
    private static List<KeyValuePair<string, string>> DescribeRegions(string timestampName = "Timestamp") => new()
    {
        new(timestampName, "2016-02-23T12:46:24Z"),
        new("Format", "XML"),
        new("AccessKeyId", "testid"),
        new("Action", "DescribeRegions"),
        new("SignatureMethod", "HMAC-SHA1"),
        new("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        new("Version", "2014-05-26"),
        new("SignatureVersion", "1.0"),
    };

    [Fact]
    public void V1DocumentedExample()
    {
        Assert.Equal(
            "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26",
            RpcV1Signer.CanonicalizedQuery(DescribeRegions()));
        var stringToSign = RpcV1Signer.StringToSign("GET", DescribeRegions());
        Assert.Equal(
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
            stringToSign);
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RpcV1Signer.Signature("testsecret", stringToSign));
    }

    [Fact]
    public void V1OlderDocSpellingTimeStamp() =>
        Assert.Equal("CT9X0VtwR86fNWSnsc6v8YGOjuE=", RpcV1Signer.Signature("testsecret", RpcV1Signer.StringToSign("GET", DescribeRegions("TimeStamp"))));

    [Fact]
    public void V1SameInputsWithPostSignDifferently() =>
        Assert.Equal("MxbnVAM4w6sft9xjVpe/GCKueuk=", RpcV1Signer.Signature("testsecret", RpcV1Signer.StringToSign("POST", DescribeRegions())));

    [Fact]
    public void V1OpenApiUtilUnitTestVector() =>
        Assert.Equal("jHx/oHoHNrbVfhncHEvPdHXZwHU=", RpcV1Signer.Signature("accessKeySecret", RpcV1Signer.StringToSign(string.Empty, new[] { new KeyValuePair<string, string>("test", "ok") })));

    [Fact]
    public void V3DocumentedExample()
    {
        var query = new[]
        {
            new KeyValuePair<string, string>("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"),
            new KeyValuePair<string, string>("RegionId", "cn-shanghai"),
        };
        var headers = new[]
        {
            new KeyValuePair<string, string>("host", "ecs.cn-shanghai.aliyuncs.com"),
            new KeyValuePair<string, string>("x-acs-action", "RunInstances"),
            new KeyValuePair<string, string>("x-acs-version", "2014-05-26"),
            new KeyValuePair<string, string>("x-acs-date", "2023-10-26T10:22:32Z"),
            new KeyValuePair<string, string>("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            new KeyValuePair<string, string>("x-acs-content-sha256", Acs3Signer.EmptyBodyHash),
            new KeyValuePair<string, string>("accept", "application/json"), // not signed
        };

        var canonical = Acs3Signer.CanonicalRequest("POST", "/", query, headers, Acs3Signer.HashPayload(System.Array.Empty<byte>()), out var signedHeaders);

        Assert.Equal(
            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
            + "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            + "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n"
            + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            canonical);
        var stringToSign = Acs3Signer.StringToSign(canonical);
        Assert.Equal("ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", stringToSign);
        var signature = Acs3Signer.Signature("YourAccessKeySecret", stringToSign);
        Assert.Equal("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", signature);
        Assert.Equal(
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
            Acs3Signer.Authorization("YourAccessKeyId", signedHeaders, signature));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("*", "%2A")]
    [InlineData("~", "~")]
    [InlineData("+", "%2B")]
    [InlineData("/", "%2F")]
    [InlineData("-_.", "-_.")]
    [InlineData("é", "%C3%A9")]
    [InlineData("数据", "%E6%95%B0%E6%8D%AE")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("a=b&c", "a%3Db%26c")]
    [InlineData("", "")]
    public void PercentEncodingFollowsRfc3986(string value, string expected) => Assert.Equal(expected, PercentEncoder.Encode(value));

    [Fact]
    public void EmptyBodyHash() => Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Acs3Signer.HashPayload(System.Array.Empty<byte>()));
}
