# Energy per MAC by level and operand, and DRAM accesses per MAC, for CONV and FC totals of each
# dataflow at its own point of the eyeriss-isca2016 sweep (NLR at glb.size_kib 256, the others 128).
BEGIN { FS = "," }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$c["macs"] == 0 { next }
{
  df = $c["dataflow"]; kib = $c["glb.size_kib"]
  if ((df == "nlr") != (kib == 256)) next
  k = df SUBSEP (($c["layer"] ~ /^conv/) ? "CONV" : "FC")
  macs[k] += $c["macs"]
  split("rf noc glb dram", lv, " ")
  for (j in lv) lev[k, lv[j]] += $c["energy_" lv[j]]
  lev[k, "mac"] += $c["energy_mac"]
  split("weights inputs outputs", ops, " ")
  for (j in ops) {
    o = ops[j]
    op[k, o] += $c["rf_reads_" o] + $c["rf_writes_" o] + 2 * $c["noc_deliveries_" o] \
      + 6 * ($c["glb_reads_" o] + $c["glb_writes_" o]) + 200 * ($c["dram_reads_" o] + $c["dram_writes_" o])
  }
  op[k, "outputs"] += 2 * $c["noc_reductions"]
  dram[k] += $c["dram_reads"] + $c["dram_writes"]
  tot[k] += $c["energy"]
}
END {
  print "| dataflow | layers | energy/MAC | MAC | RF | NoC | GLB | DRAM | weights | inputs | psums | DRAM accesses/MAC |"
  print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  n = split("ws os is rs nlr", dfs, " ")
  for (t = 1; t <= 2; t++) for (i = 1; i <= n; i++) {
    k = dfs[i] SUBSEP (t == 1 ? "CONV" : "FC"); m = macs[k]
    printf "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.4f |\n", \
      dfs[i], (t == 1 ? "CONV1-5" : "FC1-3"), tot[k] / m, lev[k, "mac"] / m, lev[k, "rf"] / m, lev[k, "noc"] / m, \
      lev[k, "glb"] / m, lev[k, "dram"] / m, op[k, "weights"] / m, op[k, "inputs"] / m, op[k, "outputs"] / m, dram[k] / m
  }
}
