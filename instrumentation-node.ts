// Server start: a bad configuration or recovery policy stops it here, naming the variable or the rule. Nothing
// else: the web server executes no runs (workers do), so it starts whatever state runs or the disk are in.
import { checkStartup } from "@/lib/startup";

checkStartup();
