using System;
using System.Collections.Generic;
using Dms.Codegen.Credentials;
using Xunit;

namespace Dms.Codegen.Runtime.Tests.Credentials;

public sealed class StsEndpointTests
{
    [Theory]
    [InlineData(null, null, null, null, "https://sts.aliyuncs.com/")]
    [InlineData("cn-hangzhou", null, null, null, "https://sts.cn-hangzhou.aliyuncs.com/")]
    [InlineData("cn-hangzhou", true, null, null, "https://sts-vpc.cn-hangzhou.aliyuncs.com/")]
    [InlineData(null, true, null, null, "https://sts.aliyuncs.com/")] // VPC without a region: the global host, as the official libraries
    [InlineData(null, null, "ap-southeast-1", "TRUE", "https://sts-vpc.ap-southeast-1.aliyuncs.com/")]
    [InlineData("cn-beijing", false, "ap-southeast-1", "true", "https://sts.cn-beijing.aliyuncs.com/")] // options beat the variables
    public void GlobalRegionalAndVpcHosts(string? region, bool? vpc, string? regionVariable, string? vpcVariable, string expected)
    {
        var variables = new Dictionary<string, string?> { ["ALIBABA_CLOUD_STS_REGION"] = regionVariable, ["ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"] = vpcVariable };
        var environment = new CredentialEnvironment(name => variables.GetValueOrDefault(name), () => "/nonexistent");

        var endpoint = StsCall.Endpoint(new DmsCredentialOptions { StsRegionId = region, EnableVpc = vpc }, environment);

        Assert.Equal(expected, endpoint.ToString());
    }

    [Fact]
    public void AnExplicitEndpointWinsAndARegionCannotInjectAHost()
    {
        var environment = new CredentialEnvironment(_ => null, () => "/nonexistent");
        Assert.Equal("https://sts.example.test/", StsCall.Endpoint(new DmsCredentialOptions { StsEndpoint = new Uri("https://sts.example.test/"), StsRegionId = "cn-hangzhou" }, environment).ToString());
        Assert.Throws<ArgumentException>(() => StsCall.Endpoint(new DmsCredentialOptions { StsRegionId = "evil.com/x" }, environment));
    }
}
