import type { Command } from "commander";
import { addDocumentCommands } from "./documents.js";
import { addExaminerCommands } from "./examiner.js";
import { addImportCommands } from "./import.js";
import { addLocalCommands } from "./local.js";
import { addRecordCommands } from "./records.js";
import { addRegistrarCommands } from "./registrar.js";
import { addSignedCommands } from "./signed.js";
import { addUnpublishedCommands } from "./unpublished.js";

/** A group of dipr commands: adds its commands (with their `--help`, `--json` and actions) to the program. */
export type CommandGroup = (program: Command) => void;

/** Every command group besides `dipr node`, in the order `dipr --help` lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [addLocalCommands, addRegistrarCommands, addRecordCommands, addImportCommands, addUnpublishedCommands, addSignedCommands, addDocumentCommands, addExaminerCommands];
