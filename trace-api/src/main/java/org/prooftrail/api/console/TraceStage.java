package org.prooftrail.api.console;

/** The columns of a trace graph, from the farm on the left to the receivers on the right. */
enum TraceStage {
    INPUTS("Farm inputs", "农事投入品"),
    SOURCE_LOTS("Source lots", "原料批次"),
    LOTS("Lots", "批次"),
    ITEMS("Items", "单品"),
    CONTAINERS("Cases and pallets", "箱与托盘"),
    SHIPMENTS("Shipments", "发货与收货"),
    RECEIVERS("Receivers", "收货地点");

    final String en;
    final String zh;

    TraceStage(String en, String zh) {
        this.en = en;
        this.zh = zh;
    }

    String label(Lang lang) {
        return lang.pick(en, zh);
    }
}
