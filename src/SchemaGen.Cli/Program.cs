return SchemaGen.Cli.SchemaGenCli.Run(args, Console.In, Console.Out, Console.Error);
