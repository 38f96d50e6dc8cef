import type { NumberRule } from "../number-rule.js";
import { auRule } from "./au.js";
import { brRule } from "./br.js";
import { caRule } from "./ca.js";
import { cnRule } from "./cn.js";
import { deRule } from "./de.js";
import { emRule } from "./em.js";
import { epRule } from "./ep.js";
import { frRule } from "./fr.js";
import { gbRule } from "./gb.js";
import { inRule } from "./in.js";
import { jpRule } from "./jp.js";
import { krRule } from "./kr.js";
import { usRule } from "./us.js";
import { woRule } from "./wo.js";

/** The offices whose application numbers dipr can parse, one rule module each. */
export const NUMBER_RULES: ReadonlyMap<string, NumberRule> = new Map(
  [usRule, epRule, jpRule, cnRule, krRule, deRule, gbRule, frRule, caRule, auRule, inRule, brRule, woRule, emRule].map(
    (rule) => [rule.office, rule] as const,
  ),
);
