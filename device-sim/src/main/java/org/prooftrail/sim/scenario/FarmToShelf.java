package org.prooftrail.sim.scenario;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.sim.scenario.ScenarioApi.IssuedItem;

/**
 * Produce from field to shelf: two plots are planted, sprayed and fertilised, and harvested as two
 * harvest lots; a processor turns both into one lot of packed vegetables, packs them into a case,
 * keeps them in a cold store and ships them to a supermarket, which receives and sells them. Field
 * sensors, the cold store, the truck and the shop's chiller report temperatures.
 */
final class FarmToShelf implements Scenario {
    static final String FARM = "sim-farm";
    static final String PROCESSOR = "sim-processor";
    static final String RETAIL = "sim-retail";
    static final String HARVEST_GTIN = "0690124000010" + Gtin.checkDigit("0690124000010");
    static final String PACK_GTIN = "0690124100010" + Gtin.checkDigit("0690124100010");
    static final String PLOT_A = "urn:epc:id:sgln:6901240.00011.0";
    static final String PLOT_B = "urn:epc:id:sgln:6901240.00012.0";
    static final String PLANT = "urn:epc:id:sgln:6901241.00001.0";
    static final String SHOP = "urn:epc:id:sgln:6901242.00001.0";
    static final String SEED = "https://id.gs1.org/01/06901243000014/10/SEED-24";
    static final String PESTICIDE = "https://id.gs1.org/01/06901243000021/10/PX-7";
    static final String FERTILISER = "https://id.gs1.org/01/06901243000038/10/NPK-2";

    private final int packs;

    FarmToShelf(int packs) {
        if (packs < 1 || packs > 100) {
            throw new IllegalArgumentException("packs must be 1 to 100 for farm to shelf, not " + packs);
        }
        this.packs = packs;
    }

    @Override
    public Outcome run(ScenarioRun run) throws Exception {
        ScenarioApi api = run.api();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String id = run.runId().toUpperCase();
        api.organisation(FARM, "Sim Green Farm 模拟绿色农场");
        api.organisation(PROCESSOR, "Sim Fresh Foods 模拟鲜食");
        api.organisation(RETAIL, "Sim Supermarket 模拟超市", "690124200001" + Gtin.checkDigit("690124200001"));
        api.product(FARM, HARVEST_GTIN, "Bok choy, harvested 青菜", "produce", null, null);
        api.product(PROCESSOR, PACK_GTIN, "Bok choy 500 g pack 青菜 500 克", "produce", new double[] {0, 5, 60, 120}, null);
        String h1 = "H1-" + id;
        String h2 = "H2-" + id;
        String packLot = "P-" + id;
        Instant harvest = now.minus(Duration.ofDays(3));
        api.lot(FARM, HARVEST_GTIN, h1, harvest, LocalDate.ofInstant(harvest, ZoneOffset.UTC).plusDays(14));
        api.lot(FARM, HARVEST_GTIN, h2, harvest, LocalDate.ofInstant(harvest, ZoneOffset.UTC).plusDays(14));
        api.lot(PROCESSOR, PACK_GTIN, packLot, harvest.plus(Duration.ofDays(1)),
                LocalDate.ofInstant(harvest, ZoneOffset.UTC).plusDays(10));
        List<IssuedItem> items = api.items(PROCESSOR, PACK_GTIN, packLot, packs, false);
        String truckSite = "https://id.gs1.org/8004/6901241TRUCK" + id;

        SimDevice farmGw = run.device(FARM, "sim-farm-gw", "gateway", PLOT_A, SignatureAlgorithm.SM2SM3);
        SimDevice field = run.device(FARM, "sim-field", "sensor", PLOT_A, SignatureAlgorithm.SM2SM3);
        SimDevice line = run.device(PROCESSOR, "sim-pack-line", "gateway", PLANT, SignatureAlgorithm.EdDSA);
        SimDevice coldStore = run.device(PROCESSOR, "sim-coldstore", "sensor", PLANT, SignatureAlgorithm.EdDSA);
        SimDevice truck = run.device(PROCESSOR, "sim-truck", "sensor", truckSite, SignatureAlgorithm.ES256);
        SimDevice till = run.device(RETAIL, "sim-till", "gateway", SHOP, SignatureAlgorithm.EdDSA);
        SimDevice chiller = run.device(RETAIL, "sim-chiller", "sensor", SHOP, SignatureAlgorithm.EdDSA);

        String lotH1 = "https://id.gs1.org/01/" + HARVEST_GTIN + "/10/" + h1;
        String lotH2 = "https://id.gs1.org/01/" + HARVEST_GTIN + "/10/" + h2;
        String lotP = "https://id.gs1.org/01/" + PACK_GTIN + "/10/" + packLot;
        Instant planted = now.minus(Duration.ofDays(60));
        run.events(farmGw,
                EpcisEvents.object(planted, "ADD", EpcisEvents.VOC + "planting", null, PLOT_A, PLOT_A, List.of(), List.of(SEED)),
                EpcisEvents.object(planted.plus(Duration.ofHours(3)), "ADD", EpcisEvents.VOC + "planting", null, PLOT_B, PLOT_B,
                        List.of(), List.of(SEED)),
                EpcisEvents.inputApplication(planted.plus(Duration.ofDays(20)), PLOT_A, PESTICIDE, "pesticide", "1.5 L"),
                EpcisEvents.inputApplication(planted.plus(Duration.ofDays(25)), PLOT_B, FERTILISER, "fertiliser", "200 kg"),
                EpcisEvents.object(harvest, "ADD", EpcisEvents.VOC + "harvesting", null, PLOT_A, PLOT_A, List.of(), List.of(lotH1)),
                EpcisEvents.object(harvest.plus(Duration.ofHours(1)), "ADD", EpcisEvents.VOC + "harvesting", null, PLOT_B, PLOT_B,
                        List.of(), List.of(lotH2)));
        List<String> codes = items.stream().map(IssuedItem::digitalLink).toList();
        String box = "urn:epc:id:sscc:6901241." + String.format("%010d", Long.parseLong(run.runId(), 36) % 1_000_000_000L);
        Instant packed = harvest.plus(Duration.ofDays(1));
        Instant shipped = now.minus(Duration.ofDays(1));
        Instant received = shipped.plus(Duration.ofHours(6));
        run.events(line,
                EpcisEvents.transformation(packed, PLANT, List.of(lotH1, lotH2), List.of(lotP)),
                EpcisEvents.commissioning(packed.plus(Duration.ofMinutes(30)), PLANT, codes, packLot),
                EpcisEvents.aggregation(packed.plus(Duration.ofHours(1)), "ADD", box, codes, PLANT),
                EpcisEvents.shippedTo(EpcisEvents.object(shipped, "OBSERVE", "shipping", "in_transit", PLANT, truckSite,
                        List.of(box), List.of()), SHOP));
        run.events(till,
                EpcisEvents.object(received, "OBSERVE", "receiving", "in_progress", SHOP, SHOP, List.of(box), List.of()),
                EpcisEvents.aggregation(received.plus(Duration.ofMinutes(20)), "DELETE", box, codes, SHOP),
                EpcisEvents.object(received.plus(Duration.ofHours(3)), "OBSERVE", "retail_selling", "retail_sold", SHOP, SHOP,
                        List.of(codes.get(0)), List.of()));
        api.itemStatus(PROCESSOR, PACK_GTIN, items.get(0).serial(), "dispensed");

        Duration every = Duration.ofMinutes(15);
        run.readings(field, harvest.minus(Duration.ofDays(2)), harvest, every, t -> 18 + 6 * Math.sin(t.getEpochSecond() / 13751.0));
        run.readings(coldStore, packed, shipped, every, t -> 2.5);
        run.readings(truck, shipped, received, every, t -> 3.2);
        run.readings(chiller, received, now, every, t -> 3.8);
        int envelopes = run.finish();

        return new Outcome("farm-to-shelf", envelopes,
                items.stream().limit(2).map(i -> DrugColdChain.path(i.digitalLink())).toList(),
                List.of("/v1/trace/" + URLEncoder.encode(HARVEST_GTIN + "/" + h1, StandardCharsets.UTF_8) + "?direction=forward",
                        "/v1/trace/" + URLEncoder.encode(codes.get(0), StandardCharsets.UTF_8) + "?direction=back"));
    }
}
