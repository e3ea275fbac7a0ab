package org.prooftrail.sim.scenario;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.sim.SimDevice;
import org.prooftrail.sim.scenario.ScenarioApi.IssuedItem;

/**
 * A vaccine's journey: a factory line commissions serialised packs, packs them into cases and a
 * pallet; a reefer truck carries the pallet to a pharmacy, which receives it, unpacks it and
 * sells a pack by its China drug code ({@code POST /v1/dispensings}). The cold room, the truck and the pharmacy fridge report temperatures every five
 * minutes; the truck leaves the 2-8 °C band now and then, as often as the excursion probability says.
 */
public final class DrugColdChain implements Scenario {
    public static final String MAKER = "sim-pharma";
    static final String CARRIER = "sim-coldlog";
    public static final String PHARMACY = "sim-pharmacy";
    public static final String PHARMACY_NAME = "Sim Pharmacy 模拟药房";
    public static final String GTIN = "0690123500010" + Gtin.checkDigit("0690123500010");
    static final String FACTORY = "urn:epc:id:sgln:6901235.00001.0";
    /** Where the packs end up; the demo's fleet keeps a fridge reporting there after the scenario ran. */
    public static final String PHARMACY_SITE = "urn:epc:id:sgln:6909871.00001.0";
    /** The same place as a GLN (company prefix, location reference, check digit), where the pharmacy sells. */
    static final String PHARMACY_GLN = "690987100001" + Gtin.checkDigit("690987100001");

    private final int packs;
    private final double excursionProbability;

    DrugColdChain(int packs, double excursionProbability) {
        if (packs < 1 || packs > 100) {
            throw new IllegalArgumentException("packs must be 1 to 100 for the drug cold chain, not " + packs);
        }
        this.packs = packs;
        this.excursionProbability = excursionProbability;
    }

    @Override
    public Outcome run(ScenarioRun run) throws Exception {
        ScenarioApi api = run.api();
        Instant t0 = Instant.now().minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.MINUTES);
        String truckSite = "https://id.gs1.org/8004/6901236REEFER" + run.runId().toUpperCase();
        api.organisation(MAKER, "Sim Biopharma 模拟生物制药");
        api.organisation(CARRIER, "Sim Cold Logistics 模拟冷链");
        api.organisation(PHARMACY, PHARMACY_NAME, PHARMACY_GLN);
        api.product(MAKER, GTIN, "Hepatitis B vaccine 10 µg 乙型肝炎疫苗", "drug", new double[] {2, 8, 30, 60}, "8612399");
        // the carrier works for the maker: its reefer's readings count for the maker's vaccine
        api.grant(MAKER, CARRIER, GTIN);
        String lot = "CC" + run.runId().toUpperCase();
        api.lot(MAKER, GTIN, lot, t0, LocalDate.ofInstant(t0, ZoneOffset.UTC).plusYears(2));
        List<IssuedItem> items = api.items(MAKER, GTIN, lot, packs, true);

        SimDevice line = run.device(MAKER, "sim-line", "gateway", FACTORY, SignatureAlgorithm.EdDSA);
        SimDevice room = run.device(MAKER, "sim-coldroom", "sensor", FACTORY, SignatureAlgorithm.SM2SM3);
        SimDevice truck = run.device(CARRIER, "sim-reefer", "sensor", truckSite, SignatureAlgorithm.ES256);
        SimDevice counter = run.device(PHARMACY, "sim-counter", "gateway", PHARMACY_SITE, SignatureAlgorithm.EdDSA);
        SimDevice fridge = run.device(PHARMACY, "sim-fridge", "sensor", PHARMACY_SITE, SignatureAlgorithm.EdDSA);

        List<String> codes = items.stream().map(IssuedItem::digitalLink).toList();
        long serialBase = Long.parseLong(run.runId(), 36) % 10_000_000L * 100;
        List<String> cases = new ArrayList<>();
        run.events(line, EpcisEvents.commissioning(t0, FACTORY, codes, lot));
        for (int c = 0; c * 12 < codes.size(); c++) {
            String sscc = "urn:epc:id:sscc:6901235." + String.format("%010d", serialBase + c);
            cases.add(sscc);
            run.events(line, EpcisEvents.aggregation(t0.plus(Duration.ofMinutes(60 + c)), "ADD", sscc,
                    codes.subList(c * 12, Math.min(codes.size(), (c + 1) * 12)), FACTORY));
        }
        String pallet = "urn:epc:id:sscc:6901235." + String.format("%010d", serialBase + 99);
        run.events(line,
                EpcisEvents.aggregation(t0.plus(Duration.ofMinutes(70)), "ADD", pallet, cases, FACTORY),
                EpcisEvents.shippedTo(EpcisEvents.object(t0.plus(Duration.ofHours(2)), "OBSERVE", "shipping", "in_transit",
                        FACTORY, truckSite, List.of(pallet), List.of()), PHARMACY_SITE));
        run.events(counter,
                EpcisEvents.object(t0.plus(Duration.ofHours(8)), "OBSERVE", "receiving", "in_progress", PHARMACY_SITE,
                        PHARMACY_SITE, List.of(pallet), List.of()),
                EpcisEvents.aggregation(t0.plus(Duration.ofMinutes(510)), "DELETE", pallet, cases, PHARMACY_SITE),
                EpcisEvents.object(t0.plus(Duration.ofHours(10)), "OBSERVE", "dispensing", "dispensed", PHARMACY_SITE,
                        PHARMACY_SITE, List.of(codes.get(0)), List.of()));
        api.dispense(PHARMACY, items.get(0).cnCode(), PHARMACY_GLN, t0.plus(Duration.ofHours(10)));

        Duration every = Duration.ofMinutes(5);
        run.readings(room, t0.minus(Duration.ofMinutes(30)), t0.plus(Duration.ofHours(2)), every, t -> 4.5);
        run.readings(truck, t0.plus(Duration.ofHours(2)), t0.plus(Duration.ofHours(8)), every, truckTemperatures());
        run.readings(fridge, t0.plus(Duration.ofHours(8)), Instant.now(), every, t -> 4.8);
        int envelopes = run.finish();

        String lotCode = URLEncoder.encode(GTIN + "/" + lot, StandardCharsets.UTF_8);
        return new Outcome("drug-cold-chain", envelopes,
                items.stream().limit(2).map(i -> path(i.digitalLink())).toList(),
                List.of("/v1/trace/" + lotCode + "?direction=forward", "/v1/excursions?product=" + GTIN));
    }

    /** 5 ± 0.5 °C, with 20-minute excursions to about 9 °C starting as often as the probability says. */
    private java.util.function.Function<Instant, Double> truckTemperatures() {
        SplittableRandom random = new SplittableRandom(7);
        Instant[] excursionUntil = {Instant.MIN};
        return t -> {
            if (t.isBefore(excursionUntil[0])) {
                return 9.0 + random.nextDouble() * 0.6;
            }
            if (random.nextDouble() < excursionProbability) {
                excursionUntil[0] = t.plus(Duration.ofMinutes(20));
                return 8.7;
            }
            return 4.5 + random.nextDouble();
        };
    }

    static String path(String digitalLink) {
        return java.net.URI.create(digitalLink).getRawPath();
    }
}
