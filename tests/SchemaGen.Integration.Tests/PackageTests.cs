using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace SchemaGen.Integration.Tests;

/// <summary>
/// The packages as NuGet holds them, cut along what users reference: <c>SchemaGen</c> (the runtime and the generator,
/// no dependencies), <c>SchemaGen.Build</c> (the build step, development-only), <c>SchemaGen.App</c> (both, for apps),
/// and the libraries and the tool beside them. What a consumer gets from them is in <see cref="PackageConsumerTests"/>.
/// </summary>
[Collection(PackageFeedTests.Name)]
public class PackageTests(LocalPackageFeed feed)
{
    public static TheoryData<string> PackageIds => new(LocalPackageFeed.PackageIds);

    [Fact]
    public void Every_project_that_ships_is_packed_and_packing_warns_of_nothing()
    {
        Assert.Equal(LocalPackageFeed.PackageIds, feed.PackedIds());
        Assert.DoesNotMatch(@"(?i)\bwarn(ing)?\b", feed.PackOutput);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Every_package_is_published_quality_readme_licence_repository_symbols_and_source_link(string id)
    {
        PackedPackage package = feed.Package(id);
        Assert.Equal(feed.Version, package.Metadata("version"));
        Assert.Equal("README.md", package.Metadata("readme"));
        Assert.StartsWith($"# {id}", package.ReadText("README.md"), StringComparison.Ordinal);
        Assert.Equal("Apache-2.0", package.Metadata("license"));
        Assert.False(string.IsNullOrWhiteSpace(package.Metadata("description")));

        // The commit the package says it was built from is the repository's HEAD (git is the oracle).
        string head = DotNet.Git(Repository.Root, "rev-parse", "HEAD").Trim();
        var repository = package.Nuspec().Descendants().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal("https://github.com/schemagen/schemagen", (string?)repository.Attribute("url"));
        Assert.Equal(head, (string?)repository.Attribute("commit"));

        string[] assemblies = [.. package.Entries().Where(e => e.EndsWith(".dll", StringComparison.Ordinal))];
        if (id == "SchemaGen.App")
        {
            // The metapackage has no code of its own, so nothing to debug.
            Assert.Empty(assemblies);
            Assert.False(package.HasSymbols, $"{id} has a symbol package.");
            return;
        }

        // Symbols as .snupkg: each portable PDB beside an assembly of the package, mapping every source file to that
        // commit's raw files (Source Link).
        Assert.True(package.HasSymbols, $"{id} has no symbol package.");
        // Ours only: a tool carries its dependencies' symbols too (SkiaSharp's native Windows PDBs), not ours to map.
        string[] pdbs = [.. package.SymbolEntries().Where(e => e.EndsWith(".pdb", StringComparison.Ordinal)
            && Path.GetFileName(e).StartsWith("schemagen", StringComparison.OrdinalIgnoreCase))];
        Assert.NotEmpty(pdbs);
        foreach (string pdb in pdbs)
        {
            Assert.Contains(Path.ChangeExtension(pdb, ".dll"), assemblies);
            string text = System.Text.Encoding.UTF8.GetString(package.ReadSymbolEntry(pdb));
            Assert.Contains($"https://raw.githubusercontent.com/schemagen/schemagen/{head}/*", text);
        }
    }

    [Fact]
    public void SchemaGen_is_the_runtime_per_framework_and_the_generator_and_depends_on_nothing()
    {
        PackedPackage core = feed.Package("SchemaGen");
        IReadOnlyList<string> entries = core.Entries();

        Assert.Contains("lib/net8.0/SchemaGen.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/SchemaGen.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/SchemaGen.Runtime.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/SchemaGen.Generator.dll", entries);
        Assert.Equal(["analyzers/dotnet/cs/SchemaGen.Generator.dll", "lib/net10.0/SchemaGen.Runtime.dll", "lib/net8.0/SchemaGen.Runtime.dll"],
            entries.Where(e => e.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        // Nothing of the build step: no props or targets to import, no task, no converter.
        Assert.DoesNotContain(entries, e => e.StartsWith("build", StringComparison.Ordinal) || e.StartsWith("tasks/", StringComparison.Ordinal) || e.StartsWith("tools/", StringComparison.Ordinal));
        Assert.Empty(core.DependencyIds());
        Assert.NotEqual("true", core.Metadata("developmentDependency"));
    }

    [Fact]
    public void SchemaGen_Build_is_development_only_and_holds_the_targets_the_task_and_the_whole_converter()
    {
        PackedPackage build = feed.Package("SchemaGen.Build");
        IReadOnlyList<string> entries = build.Entries();

        Assert.Equal("true", build.Metadata("developmentDependency"));
        Assert.Empty(build.DependencyIds());
        Assert.Contains("build/SchemaGen.Build.props", entries);
        Assert.Contains("build/SchemaGen.Build.targets", entries);
        Assert.Contains("tasks/netstandard2.0/SchemaGen.Build.dll", entries);
        // Imported by projects that reference it directly, never by their consumers; nothing to compile against.
        Assert.DoesNotContain(entries, e => e.StartsWith("buildTransitive/", StringComparison.Ordinal) || e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));

        // The converter runs from tools/schemagen/: its runtimeconfig, and every assembly its deps.json names.
        Assert.Contains("tools/schemagen/schemagen.dll", entries);
        Assert.Contains("tools/schemagen/schemagen.runtimeconfig.json", entries);
        using JsonDocument deps = JsonDocument.Parse(build.ReadEntry("tools/schemagen/schemagen.deps.json"));
        string[] runtimeAssemblies = [.. deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value.EnumerateObject()
            .SelectMany(library => library.Value.TryGetProperty("runtime", out JsonElement runtime) ? runtime.EnumerateObject().Select(r => Path.GetFileName(r.Name)) : [])];
        Assert.Contains("SchemaGen.Conversion.dll", runtimeAssemblies);
        foreach (string assembly in runtimeAssemblies)
        {
            Assert.Contains($"tools/schemagen/{assembly}", entries);
        }
    }

    [Fact]
    public void SchemaGen_App_is_the_core_and_the_build_step_with_every_asset_of_both()
    {
        PackedPackage app = feed.Package("SchemaGen.App");

        Assert.Equal(["lib/net10.0/_._", "lib/net8.0/_._"], app.Entries().Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["SchemaGen", "SchemaGen.Build"], app.DependencyIds());
        foreach (var dependency in app.Dependencies())
        {
            // NuGet's default would exclude the build and analyzer assets: the build step's targets and the generator.
            Assert.Equal(feed.Version, (string?)dependency.Attribute("version"));
            Assert.Equal("All", (string?)dependency.Attribute("include"));
            Assert.Null(dependency.Attribute("exclude"));
        }
    }

    [Fact]
    public void Each_library_depends_on_what_its_code_uses_and_only_the_app_package_on_the_build_step()
    {
        Assert.Equal(["Google.Protobuf", "SchemaGen"], feed.Package("SchemaGen.Protobuf").DependencyIds());
        Assert.Equal(["ILGPU", "SchemaGen"], feed.Package("SchemaGen.Gpu").DependencyIds());
        // The native decoder without fontconfig: a server that reads images needs no font stack.
        Assert.Equal(["SchemaGen", "SkiaSharp", "SkiaSharp.NativeAssets.Linux.NoDependencies"], feed.Package("SchemaGen.Imaging").DependencyIds());
        // Images are decoded and encoded through SchemaGen.Imaging, the product's one image library.
        Assert.Equal(["Razorvine.Pickle", "SchemaGen", "SchemaGen.Imaging"], feed.Package("SchemaGen.Conversion").DependencyIds());
        // Event files are TFRecords of hand-encoded Events with PNG images: no protobuf library.
        Assert.Equal(["SchemaGen", "SchemaGen.Imaging"], feed.Package("SchemaGen.TensorBoard").DependencyIds());
        // The ML.NET data view: the core and Microsoft.ML, nothing else (the core itself never references ML.NET).
        Assert.Equal(["Microsoft.ML", "SchemaGen"], feed.Package("SchemaGen.ML").DependencyIds());
        // Object storage: each vendor's SDK in its own package; the core carries the contract and none of them.
        Assert.Equal(["AWSSDK.S3", "SchemaGen"], feed.Package("SchemaGen.Storage.S3").DependencyIds());
        Assert.Equal(["Azure.Identity", "Azure.Storage.Blobs", "SchemaGen"], feed.Package("SchemaGen.Storage.Azure").DependencyIds());
        Assert.Equal(["Google.Cloud.Storage.V1", "SchemaGen"], feed.Package("SchemaGen.Storage.Gcs").DependencyIds());
        // A tool package carries its dependencies inside.
        Assert.Empty(feed.Package("SchemaGen.Cli").DependencyIds());

        Assert.Equal(["SchemaGen.App"], LocalPackageFeed.PackageIds.Where(id => feed.Package(id).DependencyIds().Contains("SchemaGen.Build")));
    }

    [Fact]
    public void The_imaging_package_carries_its_linux_x64_jpeg_decoder_and_the_licence_notices_it_owes()
    {
        PackedPackage package = feed.Package("SchemaGen.Imaging");
        const string Shim = "runtimes/linux-x64/native/libschemagen_jpeg.so";
        Assert.Contains(Shim, package.Entries());

        // The shim build/build-natives.sh made and the repository holds, as an x86-64 ELF shared object: NuGet
        // copies it to a linux-x64 app's output, where ImageDecoder loads it.
        byte[] shim = package.ReadEntry(Shim);
        Assert.Equal(File.ReadAllBytes(Repository.Path($"src/SchemaGen.Imaging/{Shim}")), shim);
        Assert.Equal("\u007fELF"u8.ToArray(), shim[..4]);
        Assert.Equal(2, shim[4]); // ELFCLASS64
        Assert.Equal(3, BitConverter.ToUInt16(shim, 16)); // ET_DYN
        Assert.Equal(0x3E, BitConverter.ToUInt16(shim, 18)); // EM_X86_64

        // libjpeg-turbo is linked in statically: its licences (IJG, 3-clause BSD, zlib) travel with the binary, and
        // the IJG licence asks for its acknowledgement.
        string notices = package.ReadText("THIRD-PARTY-NOTICES.md");
        Assert.Equal(File.ReadAllText(Repository.Path("src/SchemaGen.Imaging/native/THIRD-PARTY-NOTICES.md")).TrimStart('\uFEFF'), notices);
        Assert.Contains(Shim, notices, StringComparison.Ordinal);
        Assert.Contains(
            "This software is based in part on the work of the Independent JPEG Group.",
            System.Text.RegularExpressions.Regex.Replace(notices, @"\s+", " "),
            StringComparison.Ordinal);
        Assert.Contains("## libjpeg-turbo LICENSE.md", notices, StringComparison.Ordinal);
        Assert.Contains("## libjpeg-turbo README.ijg", notices, StringComparison.Ordinal);
        Assert.Contains("The Modified (3-clause) BSD License", notices, StringComparison.Ordinal);
        Assert.Contains("zlib License", notices, StringComparison.Ordinal);
    }

    [Fact]
    public void No_shipped_assembly_opens_its_internals_to_another_shipped_assembly()
    {
        // Packages version separately, so one that used another's internals would fail at run time when they drift.
        var assemblies = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (string id in LocalPackageFeed.PackageIds)
        {
            PackedPackage package = feed.Package(id);
            foreach (string entry in package.Entries().Where(e => e.EndsWith(".dll", StringComparison.Ordinal)))
            {
                string name = Path.GetFileNameWithoutExtension(entry);
                if (name.StartsWith("SchemaGen", StringComparison.OrdinalIgnoreCase))
                {
                    if (!assemblies.TryGetValue(name, out List<string>? grants))
                    {
                        assemblies[name] = grants = [];
                    }

                    grants.AddRange(InternalsVisibleTo(package.ReadEntry(entry)));
                }
            }
        }

        Assert.Contains("SchemaGen.Gpu", assemblies.Keys);
        // The reader sees the grants there are: the runtime's to its tests (an oracle for the check below).
        Assert.Contains("SchemaGen.Runtime.Tests", assemblies["SchemaGen.Runtime"]);
        foreach (var (assembly, grants) in assemblies)
        {
            Assert.True(!grants.Any(assemblies.ContainsKey), $"{assembly} grants its internals to {string.Join(", ", grants.Where(assemblies.ContainsKey))}.");
        }
    }

    // The assembly names of an assembly's [InternalsVisibleTo] attributes.
    private static List<string> InternalsVisibleTo(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        MetadataReader metadata = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (CustomAttributeHandle handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            EntityHandle parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (parent.Kind == HandleKind.TypeReference && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name) == "InternalsVisibleToAttribute")
            {
                BlobReader value = metadata.GetBlobReader(attribute.Value);
                value.ReadUInt16(); // the prolog
                names.Add(value.ReadSerializedString()!.Split(',')[0].Trim());
            }
        }

        return names;
    }
}
