// Colours of PLOVER types (grouped by quad class: conflict in reds, cooperation in greens/blues).

export const PLOVER_COLORS = {
  ASSAULT: "#c0392b", COERCE: "#e67e22", MOBILIZE: "#d35400", PROTEST: "#8e44ad", SANCTION: "#a93226",
  THREATEN: "#f39c12", REJECT: "#b7950b", ACCUSE: "#ca6f1e", REQUEST: "#7d6608",
  RETREAT: "#16a085", AID: "#27ae60", COOPERATE: "#229954", CONCEDE: "#1abc9c",
  SUPPORT: "#2e86c1", CONSULT: "#2874a6", AGREE: "#1f618d",
};
export const QUAD_COLORS = {
  MATERIAL_CONFLICT: "#c0392b", VERBAL_CONFLICT: "#e67e22", VERBAL_COOPERATION: "#2e86c1",
  MATERIAL_COOPERATION: "#27ae60", STATEMENT: "#7f8c8d", UNKNOWN: "#95a5a6",
};
export const OTHER = "#7f8c8d";

export function typeColor(plover) {
  return PLOVER_COLORS[plover] || OTHER;
}
