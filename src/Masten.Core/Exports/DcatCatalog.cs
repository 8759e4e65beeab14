using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Masten.Core.Exports;

/// <summary>A resource of an RDF graph: its IRI (null for a blank node), its class and its properties in order.</summary>
public sealed class RdfNode(string? iri, string type)
{
    public string? Iri { get; } = iri;
    public string Type { get; } = type;
    public List<(string Property, object Value)> Properties { get; } = [];

    /// <summary>Adds a property; a null value or empty text is left out. Values: <see cref="RdfNode"/>, <see cref="RdfIri"/>, <see cref="RdfText"/>, <see cref="RdfTyped"/> or a string.</summary>
    public RdfNode With(string property, object? value)
    {
        if (value is not null && value is not "")
            Properties.Add((property, value));
        return this;
    }
}

/// <summary>A link to another resource by its IRI.</summary>
public sealed record RdfIri(string Iri);

/// <summary>A text in a language.</summary>
public sealed record RdfText(string Text, string Language);

/// <summary>A literal of an XML Schema datatype (<c>xsd:date</c>, …).</summary>
public sealed record RdfTyped(string Text, string Datatype);

/// <summary>The facts about one published mission that its DCAT dataset states.</summary>
public sealed record DcatDataset(int Id, string Title, string Description, string Language, string Publisher, DateTime Issued, DateTime Modified,
    string LandingPage, IReadOnlyList<DcatDistribution> Distributions, int BaselineYear, int HorizonYear);

/// <summary>One downloadable file of a dataset.</summary>
public sealed record DcatDistribution(string Title, string Description, string DownloadUrl, string Format, string MediaType);

/// <summary>Settings of the catalogue: its licence, publisher, contact point and themes.</summary>
/// <param name="Licence">The licence's IRI, e.g. <c>http://creativecommons.org/licenses/by/4.0/</c>.</param>
/// <param name="Publisher">The name of the organisation that publishes the catalogue.</param>
/// <param name="ContactEmail">A functional mailbox of the programme office (never a person's), or null.</param>
/// <param name="Themes">Codes of the EU data-theme vocabulary, e.g. <c>ENVI</c>, <c>GOVE</c>.</param>
public sealed record DcatSettings(string Licence, string Publisher, string? ContactEmail, IReadOnlyList<string> Themes);

/// <summary>
/// The DCAT-AP-SE catalogue of Masten's open data, which the national data portal harvests: one <c>dcat:Catalog</c>,
/// a <c>dcat:Dataset</c> per published mission and a <c>dcat:Distribution</c> per file, with <c>dct:license</c>,
/// <c>dct:publisher</c> (a <c>foaf:Agent</c>), <c>dcat:contactPoint</c> (a <c>vcard:Organization</c>) and
/// <c>dcat:theme</c> from the EU vocabularies DCAT-AP-SE prescribes (data themes, languages, file types). The graph is
/// built once and written as JSON-LD or RDF/XML.
/// </summary>
public static class DcatCatalog
{
    public const string Dcat = "http://www.w3.org/ns/dcat#";
    public const string Dct = "http://purl.org/dc/terms/";
    public const string Foaf = "http://xmlns.com/foaf/0.1/";
    public const string Vcard = "http://www.w3.org/2006/vcard/ns#";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    private static readonly (string Prefix, string Ns)[] Prefixes = [("dcat", Dcat), ("dct", Dct), ("foaf", Foaf), ("vcard", Vcard), ("rdf", Rdf), ("xsd", Xsd)];

    /// <summary>The EU authority IRI of a language code (<c>sv</c> → <c>…/language/SWE</c>).</summary>
    public static string LanguageIri(string language) =>
        "http://publications.europa.eu/resource/authority/language/" + (language switch { "en" => "ENG", "da" => "DAN", _ => "SWE" });

    /// <summary>The catalogue as a graph whose root is the <c>dcat:Catalog</c> at <paramref name="catalogIri"/>.</summary>
    public static RdfNode Build(string catalogIri, string homepage, DcatSettings settings, IEnumerable<DcatDataset> datasets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(datasets);
        var catalog = new RdfNode(catalogIri, "dcat:Catalog")
            .With("dct:title", new RdfText("Öppna data från Masten", "sv"))
            .With("dct:title", new RdfText("Open data from Masten", "en"))
            .With("dct:description", new RdfText("Uppgifter om publicerade missioner: mål, indikatorer, mätvärden, aktörer, åtaganden och insatser.", "sv"))
            .With("dct:description", new RdfText("Data on published missions: goals, indicators, observations, actors, commitments and initiatives.", "en"))
            .With("dct:publisher", Agent(settings.Publisher))
            .With("dct:license", new RdfIri(settings.Licence))
            .With("dct:language", new RdfIri(LanguageIri("sv")))
            .With("foaf:homepage", new RdfIri(homepage));
        foreach (var d in datasets)
        {
            var dataset = new RdfNode(d.LandingPage + "#dataset", "dcat:Dataset")
                .With("dct:identifier", d.LandingPage + "#dataset")
                .With("dct:title", new RdfText(d.Title, d.Language))
                .With("dct:description", new RdfText(string.IsNullOrWhiteSpace(d.Description) ? d.Title : d.Description, d.Language))
                .With("dct:publisher", Agent(d.Publisher))
                .With("dcat:contactPoint", Contact(d.Publisher, settings.ContactEmail, d.LandingPage))
                .With("dct:issued", Time(d.Issued))
                .With("dct:modified", Time(d.Modified))
                .With("dct:language", new RdfIri(LanguageIri(d.Language)))
                .With("dcat:landingPage", new RdfIri(d.LandingPage))
                .With("dct:accessRights", new RdfIri("http://publications.europa.eu/resource/authority/access-right/PUBLIC"))
                .With("dct:temporal", new RdfNode(null, "dct:PeriodOfTime")
                    .With("dcat:startDate", new RdfTyped($"{d.BaselineYear:D4}-01-01", "xsd:date"))
                    .With("dcat:endDate", new RdfTyped($"{d.HorizonYear:D4}-12-31", "xsd:date")))
                .With("dcat:keyword", new RdfText("mission", "en"))
                .With("dcat:keyword", new RdfText("missionsorienterad omställning", "sv"));
            foreach (var theme in settings.Themes)
                dataset.With("dcat:theme", new RdfIri("http://publications.europa.eu/resource/authority/data-theme/" + theme));
            foreach (var f in d.Distributions)
                dataset.With("dcat:distribution", new RdfNode(f.DownloadUrl + "#distribution", "dcat:Distribution")
                    .With("dct:title", new RdfText(f.Title, "sv"))
                    .With("dct:description", new RdfText(f.Description, "sv"))
                    .With("dcat:accessURL", new RdfIri(d.LandingPage))
                    .With("dcat:downloadURL", new RdfIri(f.DownloadUrl))
                    .With("dct:format", new RdfIri("http://publications.europa.eu/resource/authority/file-type/" + f.Format))
                    .With("dcat:mediaType", new RdfIri("https://www.iana.org/assignments/media-types/" + f.MediaType))
                    .With("dct:license", new RdfIri(settings.Licence))
                    .With("dct:modified", Time(d.Modified)));
            catalog.With("dcat:dataset", dataset);
        }
        return catalog;
    }

    private static RdfNode Agent(string name) => new RdfNode(null, "foaf:Agent").With("foaf:name", name);

    private static RdfNode Contact(string name, string? email, string page) => new RdfNode(null, "vcard:Organization")
        .With("vcard:fn", name)
        .With("vcard:hasEmail", email is null ? null : new RdfIri("mailto:" + email))
        .With("vcard:hasURL", new RdfIri(page));

    private static RdfTyped Time(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), "xsd:dateTime");

    /// <summary>The graph as JSON-LD: one nested object under a <c>@context</c> that declares the prefixes.</summary>
    public static string ToJsonLd(RdfNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("@context");
            foreach (var (prefix, ns) in Prefixes)
                json.WriteString(prefix, ns);
            json.WriteEndObject();
            WriteJsonBody(json, root);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJsonBody(Utf8JsonWriter json, RdfNode node)
    {
        if (node.Iri is not null)
            json.WriteString("@id", node.Iri);
        json.WriteString("@type", node.Type);
        foreach (var group in node.Properties.GroupBy(p => p.Property))
        {
            json.WritePropertyName(group.Key);
            var values = group.Select(p => p.Value).ToList();
            if (values.Count > 1)
                json.WriteStartArray();
            foreach (var value in values)
                WriteJsonValue(json, value);
            if (values.Count > 1)
                json.WriteEndArray();
        }
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case RdfNode node:
                json.WriteStartObject();
                WriteJsonBody(json, node);
                json.WriteEndObject();
                break;
            case RdfIri iri:
                WriteObject(json, ("@id", iri.Iri));
                break;
            case RdfText text:
                WriteObject(json, ("@value", text.Text), ("@language", text.Language));
                break;
            case RdfTyped typed:
                WriteObject(json, ("@value", typed.Text), ("@type", typed.Datatype));
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The graph as RDF/XML (the serialisation DCAT-AP-SE's harvesting is specified for), nested as the graph is.</summary>
    public static string ToRdfXml(RdfNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true }))
        {
            xml.WriteStartElement("rdf", "RDF", Rdf);
            foreach (var (prefix, ns) in Prefixes.Where(p => p.Prefix != "rdf"))
                xml.WriteAttributeString("xmlns", prefix, null, ns);
            WriteXmlNode(xml, root);
            xml.WriteEndElement();
        }
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + text;
    }

    private static (string Prefix, string Local, string Ns) Split(string curie)
    {
        var at = curie.IndexOf(':', StringComparison.Ordinal);
        var prefix = curie[..at];
        return (prefix, curie[(at + 1)..], Prefixes.First(p => p.Prefix == prefix).Ns);
    }

    private static string Expand(string curie)
    {
        var (_, local, ns) = Split(curie);
        return ns + local;
    }

    /// <summary>A JSON-LD value object: <c>{"@value": "…", "@language": "sv"}</c>, <c>{"@id": "…"}</c>.</summary>
    private static void WriteObject(Utf8JsonWriter json, params (string Key, string Value)[] members)
    {
        json.WriteStartObject();
        foreach (var (key, value) in members)
            json.WriteString(key, value);
        json.WriteEndObject();
    }

    private static void WriteXmlNode(XmlWriter xml, RdfNode node)
    {
        var (prefix, local, ns) = Split(node.Type);
        xml.WriteStartElement(prefix, local, ns);
        if (node.Iri is not null)
            xml.WriteAttributeString("rdf", "about", Rdf, node.Iri);
        foreach (var (property, value) in node.Properties)
        {
            var (p, l, n) = Split(property);
            xml.WriteStartElement(p, l, n);
            switch (value)
            {
                case RdfNode child:
                    WriteXmlNode(xml, child);
                    break;
                case RdfIri iri:
                    xml.WriteAttributeString("rdf", "resource", Rdf, iri.Iri);
                    break;
                case RdfText t:
                    xml.WriteAttributeString("xml", "lang", null, t.Language);
                    xml.WriteString(t.Text);
                    break;
                case RdfTyped typed:
                    xml.WriteAttributeString("rdf", "datatype", Rdf, Expand(typed.Datatype));
                    xml.WriteString(typed.Text);
                    break;
                default:
                    xml.WriteString(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }
}
