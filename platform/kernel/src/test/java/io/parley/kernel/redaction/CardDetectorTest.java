package io.parley.kernel.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardDetectorTest {

    @ParameterizedTest(name = "{0} passes Luhn: {1}")
    @CsvSource({
            "4111111111111111, true",
            "5555555555554444, true",
            "378282246310005, true",
            "6011000990139424, true",
            "4222222222222, true",
            "4111111111111112, false",
            "1234567890123, false",
            "1234123412341234, false"})
    void checksLuhn(String number, boolean valid) {
        assertEquals(valid, CardDetector.passesLuhn(number));
    }

    @ParameterizedTest(name = "{0} issued by a card network: {1}")
    @CsvSource({
            "4111111111111111, true",
            "2223003122003222, true",
            "1234567890123456, true",
            "9792123456789018, true",
            "0044207946095800, false",
            "9781402894626, false",
            "9400100000000000002, false",
            "97921234567890183, false",
            "8944123456789012348, false"})
    void knowsWhichIssuerDigitsCardsUse(String number, boolean issued) {
        assertEquals(issued, CardDetector.issuedByACardNetwork(number));
    }

    @ParameterizedTest(name = "{0} is a valid IBAN: {1}")
    @CsvSource({
            "DE89 3704 0044 0532 0130 00, true",
            "GB29 NWBK 6016 1331 9268 19, true",
            "DE89370400440532013000, true",
            "DE89 3704 0044 0532 0130 01, false",
            "DE00 0000 0000 0000, false"})
    void checksIbans(String iban, boolean valid) {
        assertEquals(valid, IbanShape.isValid(iban));
    }
}
