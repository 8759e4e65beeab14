using Masten.Core.Actors;

namespace Masten.Core.Tests.Actors;

public class OrganisationNumberTests
{
    // Valid numbers are built here with the algorithms, not copied from registers.
    private static string Swedish(string nine) => nine + OrganisationNumber.LuhnCheckDigit(nine);

    private static string Danish(string seven)
    {
        // The last weight is 1, so the eighth digit d must make (sum of the first seven + d) a multiple of 11.
        var d = (11 - OrganisationNumber.CvrSum(seven + "0") % 11) % 11;
        return d == 10 ? throw new ArgumentException("no valid check digit for these seven digits", nameof(seven)) : seven + d;
    }

    [Theory]
    [InlineData("556036079", "556036-0793")]
    [InlineData("212000014", "212000-0142")]
    [InlineData("802002488", "802002-4884")]
    public void LuhnGivesTheKnownCheckDigit(string nine, string expected) =>
        Assert.Equal(expected, OrganisationNumber.Check(Country.Sweden, Swedish(nine)).Normalised);

    [Theory]
    [InlineData("2021005489")]
    [InlineData("202100-5489")]
    [InlineData(" 202100-5489 ")]
    public void SwedishNumberIsAcceptedWithOrWithoutTheHyphen(string text)
    {
        var result = OrganisationNumber.Check(Country.Sweden, text);
        Assert.True(result.IsValid);
        Assert.Equal("202100-5489", result.Normalised);
    }

    [Fact]
    public void EveryConstructedSwedishNumberIsValidAndEveryOtherCheckDigitIsNot()
    {
        foreach (var nine in new[] { "556677889", "232100016", "716000000", "802479323" })
        {
            var valid = Swedish(nine);
            Assert.True(OrganisationNumber.Check(Country.Sweden, valid).IsValid, valid);
            for (var wrong = 0; wrong <= 9; wrong++)
            {
                if (wrong == valid[9] - '0')
                    continue;
                var result = OrganisationNumber.Check(Country.Sweden, nine + wrong);
                Assert.Equal("OrganisationNumberCheckDigit", result.ErrorCode);
            }
        }
    }

    [Theory]
    [InlineData("55603607", "OrganisationNumberWrongLength")]
    [InlineData("556036-07931", "OrganisationNumberWrongLength")]
    [InlineData("55603A-0793", "OrganisationNumberNotDigits")]
    [InlineData("SE556036-0793", "OrganisationNumberNotDigits")]
    [InlineData("5560-360793", "OrganisationNumberNotDigits")]
    public void BadSwedishNumberIsRejectedWithAClearCode(string text, string code)
    {
        var result = OrganisationNumber.Check(Country.Sweden, text);
        Assert.False(result.IsValid);
        Assert.Equal(code, result.ErrorCode);
        Assert.NotNull(result.ErrorMessage);
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("2012345")]
    [InlineData("3800000")]
    public void ConstructedDanishNumberIsValid(string seven)
    {
        var cvr = Danish(seven);
        var result = OrganisationNumber.Check(Country.Denmark, cvr);
        Assert.True(result.IsValid);
        Assert.Equal(cvr, result.Normalised);
        Assert.Equal(0, OrganisationNumber.CvrSum(cvr) % 11);
    }

    [Fact]
    public void DanishNumberMayBeWrittenWithSpaces()
    {
        var cvr = Danish("1234567");
        var spaced = $"{cvr[..2]} {cvr[2..4]} {cvr[4..6]} {cvr[6..]}";
        Assert.Equal(cvr, OrganisationNumber.Check(Country.Denmark, spaced).Normalised);
    }

    [Fact]
    public void DanishNumberWithAChangedDigitFailsTheCheck()
    {
        var cvr = Danish("1234567");
        var changed = cvr[..7] + (char)('0' + (cvr[7] - '0' + 1) % 10);
        Assert.Equal("CvrCheckDigit", OrganisationNumber.Check(Country.Denmark, changed).ErrorCode);
    }

    [Theory]
    [InlineData("1234567", "CvrWrongLength")]
    [InlineData("123456789", "CvrWrongLength")]
    [InlineData("1234567X", "CvrNotDigits")]
    [InlineData("DK12345678", "CvrNotDigits")]
    public void BadDanishNumberIsRejectedWithAClearCode(string text, string code) =>
        Assert.Equal(code, OrganisationNumber.Check(Country.Denmark, text).ErrorCode);

    [Fact]
    public void OtherCountriesTakeAnyShortText() =>
        Assert.Equal("NO 123 456 789", OrganisationNumber.Check(Country.Other, " NO 123 456 789 ").Normalised);
}
