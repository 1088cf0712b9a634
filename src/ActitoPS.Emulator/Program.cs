using ActitoPS.Emulator.Hosting;

return await EmulatorCommandLine.RunAsync(args);
